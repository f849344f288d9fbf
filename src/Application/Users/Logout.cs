using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;

namespace StreamEngine.Application.Users;

/// <summary>Ends the caller's session, or every session of the caller's account.</summary>
public sealed class Logout(ISessionStore sessions, ISessionEvents sessionEvents, ICurrentUser caller, IClock clock)
{
    public async Task<Result<int>> Handle(bool everywhere, CancellationToken ct)
    {
        if (caller.UserId is not { } userId || caller.SessionId is not { } sessionId)
        {
            return AccountErrors.NotAuthenticated;
        }

        var now = clock.UtcNow;
        var ended = 0;
        if (everywhere)
        {
            foreach (var session in await sessions.ListActiveSessionsAsync(userId, now, ct))
            {
                session.Revoke(now, "logout-everywhere");
                ended++;
            }
        }
        else if (
            await sessions.FindSessionAsync(sessionId, ct) is { } session
            && session.UserId == userId
            && session.RevokedAt is null
        )
        {
            session.Revoke(now, "logout");
            ended = 1;
        }

        await sessions.SaveChangesAsync(ct);
        await sessionEvents.PublishAsync(new SessionsEnded(userId, everywhere ? null : [sessionId]), ct);
        return ended;
    }
}
