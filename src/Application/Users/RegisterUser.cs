using Microsoft.Extensions.Logging;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Users;

public sealed record RegisterRequest(
    string? Email,
    string? Password,
    string? Handle,
    string? DisplayName,
    string? Device
);

/// <summary>Creates an account with a password, signs it in, and mails a verification code.</summary>
public sealed class RegisterUser(
    IUserStore users,
    IPasswordHasher hasher,
    PasswordPolicy policy,
    SessionIssuer issuer,
    AccountMailer mailer,
    IClock clock,
    ILogger<RegisterUser> logger
)
{
    public async Task<Result<AuthResult>> Handle(RegisterRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<Error>();
        if (!EmailAddress.TryParse(request.Email, out var email))
        {
            errors.Add(AccountErrors.InvalidEmail);
        }

        if (!Domain.Users.Handle.TryParse(request.Handle, out var handle))
        {
            errors.Add(AccountErrors.InvalidHandle);
        }

        var displayName = request.DisplayName?.Trim();
        if (string.IsNullOrEmpty(displayName) || displayName.Length > User.MaxDisplayNameLength)
        {
            errors.Add(AccountErrors.InvalidDisplayName);
        }

        if (policy.Check(request.Password, email?.Value, handle?.Value) is { } weak)
        {
            errors.Add(weak);
        }

        if (errors.Count > 0 || email is null || handle is null)
        {
            return Result<AuthResult>.Failure(errors);
        }

        // Hashed before the look-ups: a taken address must not answer faster than a free one (the hash dominates).
        var passwordHash = hasher.Hash(request.Password!);
        if (await users.FindUserByEmailAsync(email, ct) is not null)
        {
            errors.Add(AccountErrors.EmailTaken);
        }

        if (await users.HandleExistsAsync(handle, ct))
        {
            errors.Add(AccountErrors.HandleTaken);
        }

        if (errors.Count > 0)
        {
            return Result<AuthResult>.Failure(errors);
        }

        var user = User.Register(email, handle, displayName!, passwordHash, clock.UtcNow);
        users.AddUser(user);
        var session = issuer.Start(user, request.Device, out var refreshToken);
        try
        {
            await users.SaveChangesAsync(ct);
        }
        catch (DuplicateKeyException ex)
        {
            // Lost a race with another registration for the same address or handle.
            return ex.Message.Contains("handle", StringComparison.OrdinalIgnoreCase)
                ? AccountErrors.HandleTaken
                : AccountErrors.EmailTaken;
        }

        try
        {
            if (await mailer.SendAsync(user, OneTimeCodePurpose.VerifyEmail, ct) is { } mailError)
            {
                logger.LogWarning(
                    "Verification e-mail for new user {UserId} not sent: {Code}",
                    user.Id,
                    mailError.Code
                );
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The account exists either way; the user can ask for the code again (requestEmailVerification).
            logger.LogError(ex, "Verification e-mail for new user {UserId} could not be sent", user.Id);
        }

        return issuer.Result(user, session, refreshToken);
    }
}
