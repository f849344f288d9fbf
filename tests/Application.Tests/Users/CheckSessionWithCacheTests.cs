using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Users;
using StreamEngine.Fakes;

namespace StreamEngine.Application.Tests.Users;

/// <summary>A session the cache vouches for is active without a read; one read active is handed to the cache with the
/// epoch from before the read; an ended one is not.</summary>
public sealed class CheckSessionWithCacheTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    private (TokenPrincipal Principal, Domain.Users.Session Session) SignedIn(string handle)
    {
        var user = _world.AddUser(handle);
        var session = _world.Get<SessionIssuer>().Start(user, null, out _);
        return (new TokenPrincipal(user.Id, session.Id), session);
    }

    [Fact]
    public async Task A_session_the_cache_holds_is_active_without_reading_it()
    {
        var (principal, session) = SignedIn("cached_one");
        _world.SessionCache.Kept[principal.SessionId] = session.ExpiresAt;
        session.Revoke(_world.Clock.UtcNow, "ended behind the cache's back");

        Assert.True(await _world.Get<CheckSession>().Handle(principal, default));
    }

    [Fact]
    public async Task A_session_read_active_is_kept_and_an_ended_or_foreign_one_is_not()
    {
        var (active, activeSession) = SignedIn("active_one");
        var (ended, endedSession) = SignedIn("ended_one");
        endedSession.Revoke(_world.Clock.UtcNow, "logout");
        var foreign = new TokenPrincipal(Guid.NewGuid(), activeSession.Id);

        Assert.False(await _world.Get<CheckSession>().Handle(foreign, default));
        Assert.Empty(_world.SessionCache.Offered);
        Assert.True(await _world.Get<CheckSession>().Handle(active, default));
        Assert.False(await _world.Get<CheckSession>().Handle(ended, default));

        Assert.Equal(activeSession.ExpiresAt, Assert.Single(_world.SessionCache.Offered).Value);
    }

    public void Dispose() => _world.Dispose();
}
