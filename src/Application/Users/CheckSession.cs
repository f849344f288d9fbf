using StreamEngine.Application.Abstractions;

namespace StreamEngine.Application.Users;

/// <summary>Whether a token's session is still active (not revoked, not expired, still the user's): what makes logout
/// and password changes take effect at once, not when the token expires. A session found active a moment ago is
/// taken from the <see cref="ISessionCache"/>, which forgets it as soon as it ends.</summary>
public sealed class CheckSession(ISessionStore sessions, IClock clock, ISessionCache cache)
{
    public async Task<bool> Handle(TokenPrincipal principal, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (cache.IsActive(principal))
        {
            return true;
        }

        var epoch = cache.Epoch;
        var session = await sessions.FindSessionAsync(principal.SessionId, ct);
        var isActive = session is not null && session.UserId == principal.UserId && session.IsActive(clock.UtcNow);
        if (isActive)
        {
            cache.Remember(principal, session!.ExpiresAt, epoch);
        }

        return isActive;
    }
}
