using StreamEngine.Application.Abstractions;

namespace StreamEngine.Application.Users;

/// <summary>Whether a token's session is still active (not revoked, not expired, still the user's): what makes logout
/// and password changes take effect at once, not when the token expires.</summary>
public sealed class CheckSession(ISessionStore sessions, IClock clock)
{
    public async Task<bool> Handle(TokenPrincipal principal, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var session = await sessions.FindSessionAsync(principal.SessionId, ct);
        return session is not null && session.UserId == principal.UserId && session.IsActive(clock.UtcNow);
    }
}
