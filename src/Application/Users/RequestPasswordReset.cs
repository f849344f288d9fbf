using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Users;

/// <summary>Mails a reset link and code when an account has this address. Answers the same, in the same time, whether
/// or not it does: the look-up and the mail happen off the request path (<see cref="IPasswordResetRequests"/>), so
/// neither the answer nor its timing tells who has an account.</summary>
public sealed class RequestPasswordReset(IPasswordResetRequests requests)
{
    public Task<Result<bool>> Handle(string? emailInput, CancellationToken ct)
    {
        if (!EmailAddress.TryParse(emailInput, out var email))
        {
            return Task.FromResult<Result<bool>>(AccountErrors.InvalidEmail);
        }

        requests.Enqueue(email);
        return Task.FromResult<Result<bool>>(true);
    }
}
