using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Users;

public sealed record GoogleSignInRequest(string? IdToken, string? Device);

/// <summary>Signs in with a Google ID token: the linked account, else the account with the same address when both
/// Google and we have verified it, else a new account with a handle derived from the name.</summary>
public sealed class SignInWithGoogle(
    IUserStore users,
    IGoogleIdTokenVerifier verifier,
    SessionIssuer issuer,
    IClock clock
)
{
    public async Task<Result<AuthResult>> Handle(GoogleSignInRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var verification = await verifier.VerifyAsync(request.IdToken ?? string.Empty, ct);
        switch (verification.Problem)
        {
            case GoogleTokenProblem.Expired:
                return AccountErrors.TokenExpired with
                {
                    Message = "The Google ID token has expired.",
                    Field = "idToken",
                };
            case GoogleTokenProblem.WrongAudience:
                return AccountErrors.TokenInvalid with
                {
                    Message = "The Google ID token was issued for another application.",
                    Field = "idToken",
                };
            case GoogleTokenProblem.EmailNotVerified:
                return AccountErrors.EmailNotVerified with { Message = "Google has not verified this e-mail address." };
            case GoogleTokenProblem.Invalid:
                return AccountErrors.TokenInvalid with
                {
                    Message = "The Google ID token is not valid.",
                    Field = "idToken",
                };
        }

        var identity = verification.Identity!;
        if (!EmailAddress.TryParse(identity.Email, out var email))
        {
            return AccountErrors.InvalidEmail;
        }

        var now = clock.UtcNow;
        var user = await users.FindUserByGoogleSubjectAsync(identity.Subject, ct);
        if (user is null)
        {
            user = await users.FindUserByEmailAsync(email, ct);
            if (user is not null)
            {
                if (!user.IsEmailVerified || user.GoogleSubject is not null)
                {
                    // Linking an unverified account would hand it to whoever registered the address first.
                    return AccountErrors.AccountExistsUnverified;
                }

                user.LinkGoogle(identity.Subject);
            }
            else
            {
                user = User.FromGoogle(
                    email,
                    await UniqueHandleAsync(identity.Name ?? email.Value.Split('@')[0], ct),
                    DisplayNameFrom(identity.Name, email),
                    identity.Subject,
                    now
                );
                users.AddUser(user);
            }
        }

        var session = issuer.Start(user, request.Device, out var refreshToken);
        try
        {
            await users.SaveChangesAsync(ct);
        }
        catch (DuplicateKeyException)
        {
            return new Error(
                "CONFLICT",
                "Another sign-in created this account at the same moment; try again.",
                Kind: ErrorKind.Conflict
            );
        }

        return issuer.Result(user, session, refreshToken);
    }

    private async Task<Domain.Users.Handle> UniqueHandleAsync(string name, CancellationToken ct)
    {
        var handle = Domain.Users.Handle.DeriveFrom(name);
        for (var suffix = 2; await users.HandleExistsAsync(handle, ct); suffix++)
        {
            handle =
                suffix < 50
                    ? Domain.Users.Handle.DeriveFrom(name).WithSuffix(suffix)
                    : Domain
                        .Users.Handle.DeriveFrom(name)
                        .WithSuffix(System.Security.Cryptography.RandomNumberGenerator.GetInt32(1000, 99_999_999));
        }

        return handle;
    }

    private static string DisplayNameFrom(string? name, EmailAddress email)
    {
        var value = string.IsNullOrWhiteSpace(name) ? email.Value.Split('@')[0] : name.Trim();
        return value.Length > User.MaxDisplayNameLength ? value[..User.MaxDisplayNameLength] : value;
    }
}
