using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Users;
using StreamEngine.Infrastructure.Identity;

namespace StreamEngine.Infrastructure.Tests;

/// <summary>A session found active is taken as active for a few seconds without reading it again, while the
/// cache hears of ended sessions: an end it hears of takes effect at once, one it cannot hear of within its
/// lifetime.</summary>
public sealed class ActiveSessionCacheTests
{
    private readonly StoppedClock _clock = new();
    private readonly ActiveSessionCache _cache;

    public ActiveSessionCacheTests() => _cache = new ActiveSessionCache(_clock, Options.Create(new AccountOptions()));

    private static TokenPrincipal Session() => new(Guid.NewGuid(), Guid.NewGuid());

    private DateTimeOffset InAnHour => _clock.UtcNow.AddHours(1);

    [Fact]
    public void A_session_kept_while_listening_is_active_until_its_entry_lapses_or_the_session_expires()
    {
        _cache.Listening(true);
        var (lapsing, expiring, stranger) = (Session(), Session(), Session());
        _cache.Remember(lapsing, InAnHour, _cache.Epoch);
        _cache.Remember(expiring, _clock.UtcNow.AddSeconds(2), _cache.Epoch);

        Assert.True(_cache.IsActive(lapsing));
        Assert.True(_cache.IsActive(expiring));
        Assert.False(_cache.IsActive(stranger));
        Assert.False(_cache.IsActive(lapsing with { UserId = Guid.NewGuid() }));
        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.True(_cache.IsActive(lapsing));
        Assert.False(_cache.IsActive(expiring));
        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.False(_cache.IsActive(lapsing));
    }

    [Fact]
    public void An_end_it_hears_of_takes_effect_at_once_for_those_sessions_only()
    {
        _cache.Listening(true);
        var (ending, sameUser, other) = (Session(), Session(), Session());
        sameUser = sameUser with { UserId = ending.UserId };
        foreach (var principal in new[] { ending, sameUser, other })
        {
            _cache.Remember(principal, InAnHour, _cache.Epoch);
        }

        _cache.Forget(new SessionsEnded(ending.UserId, [ending.SessionId]));
        Assert.False(_cache.IsActive(ending));
        Assert.True(_cache.IsActive(sameUser));
        _cache.Forget(new SessionsEnded(ending.UserId, null));
        Assert.False(_cache.IsActive(sameUser));
        Assert.True(_cache.IsActive(other));
    }

    [Fact]
    public void A_read_that_raced_an_end_is_not_kept_and_nothing_is_kept_while_not_listening()
    {
        var (racing, unheard) = (Session(), Session());
        _cache.Remember(unheard, InAnHour, _cache.Epoch);
        Assert.False(_cache.IsActive(unheard));

        _cache.Listening(true);
        var epoch = _cache.Epoch;
        _cache.Forget(new SessionsEnded(Guid.NewGuid(), null));
        _cache.Remember(racing, InAnHour, epoch);
        Assert.False(_cache.IsActive(racing));

        _cache.Remember(racing, InAnHour, _cache.Epoch);
        Assert.True(_cache.IsActive(racing));
        _cache.Listening(false);
        Assert.False(_cache.IsActive(racing));
    }

    [Fact]
    public void When_full_it_keeps_nothing_new_until_lapsed_entries_are_swept()
    {
        // A lifetime far longer than filling the cache takes on a busy machine: only the clock lapses entries.
        var cache = new ActiveSessionCache(
            _clock,
            Options.Create(new AccountOptions { ActiveSessionCache = TimeSpan.FromHours(1) })
        );
        cache.Listening(true);
        for (var i = 0; i < ActiveSessionCache.Capacity; i++)
        {
            cache.Remember(Session(), _clock.UtcNow.AddDays(1), cache.Epoch);
        }

        var refused = Session();
        cache.Remember(refused, _clock.UtcNow.AddDays(1), cache.Epoch);
        Assert.False(cache.IsActive(refused));

        _clock.Advance(TimeSpan.FromHours(2));
        var kept = Session();
        cache.Remember(kept, _clock.UtcNow.AddDays(1), cache.Epoch);
        Assert.True(cache.IsActive(kept));
    }

    /// <summary>Time moves only when the test moves it, however long a busy machine takes between two lines.</summary>
    private sealed class StoppedClock : IClock
    {
        public DateTimeOffset UtcNow { get; private set; } = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

        public void Advance(TimeSpan by) => UtcNow += by;
    }
}
