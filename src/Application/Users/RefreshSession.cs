using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;

namespace StreamEngine.Application.Users;

/// <summary>Exchanges a refresh token for a new access token and a new refresh token. A token that is not the
/// session's current one (a replay of a rotated token) revokes the whole session.</summary>
public sealed class RefreshSession(IAccountStore store, SessionIssuer sessions, IClock clock)
{
    public async Task<Result<AuthResult>> Handle(string? refreshToken, CancellationToken ct)
    {
        if (SessionIssuer.SessionIdOf(refreshToken) is not { } sessionId)
        {
            return AccountErrors.TokenInvalid.WithField("refreshToken");
        }

        var now = clock.UtcNow;
        var session = await store.FindSessionAsync(sessionId, ct);
        if (session is null || session.RevokedAt is not null)
        {
            return AccountErrors.TokenInvalid.WithField("refreshToken");
        }

        if (!SecretTokens.HashesEqual(session.CurrentTokenHash, SecretTokens.Hash(refreshToken!.Trim())))
        {
            session.Revoke(now, "refresh-token-reuse");
            await store.SaveChangesAsync(ct);
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

        var user = await store.FindUserAsync(session.UserId, ct);
        if (user is null)
        {
            return AccountErrors.TokenInvalid.WithField("refreshToken");
        }

        var next = sessions.Rotate(session);
        try
        {
            await store.SaveChangesAsync(ct);
        }
        catch (ConcurrencyConflictException)
        {
            // Another refresh with the same token won the race: this one is the replay.
            return AccountErrors.TokenInvalid with { Message = "This refresh token was already used.", Field = "refreshToken" };
        }

        return sessions.Result(user, session, next);
    }
}
