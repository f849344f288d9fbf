using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;

namespace StreamEngine.Application.Users;

/// <summary>Exchanges a refresh token for a new access token and a new refresh token. A token that is not the
/// session's current one (a replay of a rotated token) revokes the whole session.</summary>
public sealed class RefreshSession(
    IUserStore users,
    ISessionStore sessions,
    SessionIssuer issuer,
    ISessionEvents ended,
    IClock clock
)
{
    public async Task<Result<AuthResult>> Handle(string? refreshToken, CancellationToken ct)
    {
        if (SessionIssuer.SessionIdOf(refreshToken) is not { } sessionId)
        {
            return AccountErrors.TokenInvalid.WithField("refreshToken");
        }

        var now = clock.UtcNow;
        var session = await sessions.FindSessionAsync(sessionId, ct);
        if (session is null || session.RevokedAt is not null)
        {
            return AccountErrors.TokenInvalid.WithField("refreshToken");
        }

        var presented = SecretTokens.Hash(refreshToken!.Trim());
        if (!SecretTokens.HashesEqual(session.CurrentTokenHash, presented))
        {
            // Only a token this session really issued and then rotated away proves a copy: a random secret that
            // merely names the session must not be able to end it.
            if (!session.WasRotatedAway(presented))
            {
                return AccountErrors.TokenInvalid.WithField("refreshToken");
            }

            await RevokeAsync(session.UserId, sessionId, now, ct);
            return AccountErrors.TokenInvalid with
            {
                Message = "This refresh token was already used; the session has been ended for safety. Sign in again.",
                Field = "refreshToken",
            };
        }

        if (!session.IsActive(now))
        {
            return AccountErrors.TokenExpired.WithField("refreshToken");
        }

        var user = await users.FindUserAsync(session.UserId, ct);
        if (user is null)
        {
            return AccountErrors.TokenInvalid.WithField("refreshToken");
        }

        var next = issuer.Rotate(session);
        try
        {
            await sessions.SaveChangesAsync(ct);
        }
        catch (ConcurrencyConflictException)
        {
            // Another refresh with the same token won the race: one of the two holds a copy, and which one cannot be
            // known, so the session ends (an atomic write that no concurrent rotation can undo).
            await RevokeAsync(session.UserId, sessionId, now, ct);
            return AccountErrors.TokenInvalid with
            {
                Message =
                    "This refresh token was used twice at once; the session has been ended for safety. Sign in again.",
                Field = "refreshToken",
            };
        }

        return issuer.Result(user, session, next);
    }

    private async Task RevokeAsync(Guid userId, Guid sessionId, DateTimeOffset now, CancellationToken ct)
    {
        if (await sessions.RevokeSessionAsync(sessionId, now, "refresh-token-reuse", ct))
        {
            await ended.PublishAsync(new SessionsEnded(userId, [sessionId]), ct);
        }
    }
}
