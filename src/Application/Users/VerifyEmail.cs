using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Users;

public sealed record VerifyEmailRequest(string? Token, string? Email, string ClientAddress);

/// <summary>Marks the address verified with the link's token, or with the code and the address (or signed
/// in).</summary>
public sealed class VerifyEmail(IUserStore users, OneTimeCodeRedeemer redeemer, ICurrentUser caller, IClock clock)
{
    public async Task<Result<User>> Handle(VerifyEmailRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        EmailAddress? email = null;
        if (request.Email is not null && !EmailAddress.TryParse(request.Email, out email))
        {
            return AccountErrors.InvalidEmail;
        }

        var redeemed = await redeemer.RedeemAsync(
            request.Token,
            OneTimeCodePurpose.VerifyEmail,
            email,
            caller.UserId,
            request.ClientAddress,
            ct
        );
        if (!redeemed.Succeeded)
        {
            return Result<User>.Failure(redeemed.Errors);
        }

        redeemed.Value.MarkEmailVerified(clock.UtcNow);
        await users.SaveChangesAsync(ct);
        return redeemed.Value;
    }
}
