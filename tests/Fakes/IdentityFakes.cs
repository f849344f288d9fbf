using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Users;

namespace StreamEngine.Fakes;

/// <summary>"Hashes" by prefixing, and counts verifications: the slow step whose count the limits are about.</summary>
public sealed class CountingHasher : IPasswordHasher
{
    public int Verifications { get; private set; }

    public string Hash(string password) => "hash:" + password;

    public PasswordCheck Verify(string hash, string password)
    {
        Verifications++;
        return hash == "hash:" + password ? PasswordCheck.Success : PasswordCheck.Failed;
    }
}

/// <summary>Access tokens that are "token-{session}", valid until <see cref="Lifetime"/> after issue.</summary>
public sealed class FakeTokens(FakeClock clock) : ITokenIssuer
{
    private readonly Dictionary<string, (TokenPrincipal Principal, DateTimeOffset ExpiresAt)> _issued = [];

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(15);

    public AccessToken IssueAccessToken(User user, Session session)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(session);
        var token = new AccessToken("token-" + session.Id + "-" + _issued.Count, clock.UtcNow + Lifetime);
        _issued[token.Value] = (new TokenPrincipal(user.Id, session.Id), token.ExpiresAt);
        return token;
    }

    public Task<AccessTokenCheck> ValidateAccessTokenAsync(string token, CancellationToken ct) =>
        Task.FromResult(
            !_issued.TryGetValue(token, out var issued) ? AccessTokenCheck.Invalid
            : issued.ExpiresAt <= clock.UtcNow ? new AccessTokenCheck(null, true)
            : new AccessTokenCheck(issued.Principal, false) { ExpiresAt = issued.ExpiresAt }
        );
}

/// <summary>Google ID tokens by name: <see cref="Identities"/> maps a token to what Google would say of it.</summary>
public sealed class FakeGoogle : IGoogleIdTokenVerifier
{
    public Dictionary<string, GoogleVerification> Identities { get; } = [];

    public Task<GoogleVerification> VerifyAsync(string idToken, CancellationToken ct) =>
        Task.FromResult(
            Identities.GetValueOrDefault(idToken) ?? new GoogleVerification(null, GoogleTokenProblem.Invalid)
        );
}

public sealed class RecordingEmail : IEmailSender
{
    public List<EmailMessage> Sent { get; } = [];

    public Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        Sent.Add(message);
        return Task.CompletedTask;
    }
}

public sealed class RecordingResetRequests : IPasswordResetRequests
{
    public List<EmailAddress> Queued { get; } = [];

    public void Enqueue(EmailAddress email) => Queued.Add(email);
}

/// <summary>Allows <see cref="Limit"/> attempts per key until released.</summary>
public sealed class FakeAttemptLimiter : IAttemptLimiter
{
    private readonly Dictionary<string, int> _counts = [];

    public int Limit { get; set; } = 1000;

    public bool TryAcquire(string key, DateTimeOffset now)
    {
        var count = _counts.GetValueOrDefault(key);
        if (count >= Limit)
        {
            return false;
        }

        _counts[key] = count + 1;
        return true;
    }

    public void Release(string key) => _counts[key] = Math.Max(0, _counts.GetValueOrDefault(key) - 1);
}

public sealed class RecordingSessionEvents : ISessionEvents
{
    public List<SessionsEnded> Published { get; } = [];

    public ValueTask PublishAsync(SessionsEnded ended, CancellationToken ct)
    {
        Published.Add(ended);
        return ValueTask.CompletedTask;
    }

    public ValueTask<IAsyncDisposable> SubscribeAsync(Func<SessionsEnded, ValueTask> handler) =>
        throw new NotSupportedException("Use cases publish session ends; the transports subscribe.");
}

/// <summary>A session cache that vouches for what a test puts in <see cref="Kept"/>, and records what a use case
/// offered it (<see cref="Offered"/>) without keeping it.</summary>
public sealed class FakeSessionCache : ISessionCache
{
    public Dictionary<Guid, DateTimeOffset> Kept { get; } = [];

    public Dictionary<Guid, DateTimeOffset> Offered { get; } = [];

    public long Epoch { get; set; }

    public bool IsActive(TokenPrincipal principal) => Kept.ContainsKey(principal.SessionId);

    public void Remember(TokenPrincipal principal, DateTimeOffset expiresAt, long epoch) =>
        Offered[principal.SessionId] = expiresAt;
}

public sealed class FakeLinks : ILinkBuilder
{
    public Uri VerifyEmail(string token) => new("http://127.0.0.1/verify?token=" + token);

    public Uri ResetPassword(string token) => new("http://127.0.0.1/reset?token=" + token);
}
