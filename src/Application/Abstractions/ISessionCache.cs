namespace StreamEngine.Application.Abstractions;

/// <summary>Sessions found active a moment ago, so that a client's stream of requests reads its session once in a
/// while instead of once per request. An implementation forgets a session as soon as it hears that it ended, and
/// keeps nothing it cannot vouch for.</summary>
public interface ISessionCache
{
    /// <summary>Changes whenever sessions end; give <see cref="Remember"/> the value from before the read.</summary>
    long Epoch { get; }

    /// <summary>Whether the session is known to be active for this user now.</summary>
    bool IsActive(TokenPrincipal principal);

    /// <summary>Keeps a session just read as active, unless sessions ended since <paramref name="epoch"/>.</summary>
    void Remember(TokenPrincipal principal, DateTimeOffset expiresAt, long epoch);
}
