using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Abstractions;

public enum PasswordCheck
{
    Failed,
    Success,
    SuccessRehashNeeded,
}

/// <summary>A slow, salted password hash.</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    PasswordCheck Verify(string hash, string password);
}

public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt);

/// <summary>The identity an access token proves.</summary>
public sealed record TokenPrincipal(Guid UserId, Guid SessionId);

public sealed record AccessTokenCheck(TokenPrincipal? Principal, bool Expired)
{
    /// <summary>When a valid token stops being valid.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public static readonly AccessTokenCheck Invalid = new(null, false);
}

/// <summary>Issues and checks the short-lived signed access tokens that HTTP and WebSocket clients present.</summary>
public interface ITokenIssuer
{
    AccessToken IssueAccessToken(User user, Session session);

    /// <summary>Checks signature, issuer, audience and lifetime; says whether a token failed only by
    /// expiring.</summary>
    Task<AccessTokenCheck> ValidateAccessTokenAsync(string token, CancellationToken ct);
}

public sealed record GoogleIdentity(string Subject, string Email, bool EmailVerified, string? Name);

public enum GoogleTokenProblem
{
    None,
    Invalid,
    Expired,
    WrongAudience,
    EmailNotVerified,
}

public sealed record GoogleVerification(GoogleIdentity? Identity, GoogleTokenProblem Problem);

/// <summary>Checks a Google ID token's signature, issuer, audience and expiry.</summary>
public interface IGoogleIdTokenVerifier
{
    Task<GoogleVerification> VerifyAsync(string idToken, CancellationToken ct);
}

public sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody);

/// <summary>Sends e-mail (SMTP in production, .eml files in the embedded default).</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct);
}

/// <summary>Password-reset requests, handled off the request path (by <c>SendPasswordResetMail</c>), so that the
/// answer's timing does not depend on whether the address has an account.</summary>
public interface IPasswordResetRequests
{
    void Enqueue(EmailAddress email);
}

/// <summary>Counts attempts per key in a fixed window; used against guessing per client address. Counting and checking
/// are one atomic step, so a burst of concurrent attempts cannot all pass a check that saw the same count.</summary>
public interface IAttemptLimiter
{
    /// <summary>Counts one attempt for the key; false (and nothing counted) when the window's attempts are used
    /// up.</summary>
    bool TryAcquire(string key, DateTimeOffset now);

    /// <summary>Gives back an attempt that turned out right (a correct password, a valid code).</summary>
    void Release(string key);
}
