using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Users;

namespace StreamEngine.Infrastructure.Identity;

/// <summary>The process's <see cref="ISessionCache"/>: entries live <see cref="AccountOptions.ActiveSessionCache"/>. It
/// serves only while it hears of ended sessions (<see cref="ISessionEvents"/>, <see cref="Listening"/>), forgets them
/// as it hears, and does not keep a session read before an end it heard of (a read that raced a logout).</summary>
internal sealed class ActiveSessionCache(IClock clock, IOptions<AccountOptions> options) : ISessionCache
{
    internal const int Capacity = 100_000;

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private long _endings;
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;
    private volatile bool _listening;

    private TimeSpan Lifetime => options.Value.ActiveSessionCache;

    public long Epoch => Interlocked.Read(ref _endings);

    public bool IsActive(TokenPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var now = clock.UtcNow;
        return _listening
            && _entries.TryGetValue(principal.SessionId, out var entry)
            && entry.UserId == principal.UserId
            && entry.Until > now;
    }

    public void Remember(TokenPrincipal principal, DateTimeOffset expiresAt, long epoch)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (!_listening || Lifetime <= TimeSpan.Zero)
        {
            return;
        }

        var now = clock.UtcNow;
        if (_entries.Count >= Capacity)
        {
            // Full: lapsed entries go, at most once a second (a sweep reads every entry); until then nothing new is
            // kept, and those requests read their session as without a cache.
            if (now - _lastSweep < TimeSpan.FromSeconds(1))
            {
                return;
            }

            _lastSweep = now;
            foreach (var (id, stale) in _entries)
            {
                if (stale.Until <= now)
                {
                    _entries.TryRemove(id, out _);
                }
            }

            if (_entries.Count >= Capacity)
            {
                return;
            }
        }

        // Kept for the lifetime, or until the session itself expires if that comes first.
        var until = now + Lifetime < expiresAt ? now + Lifetime : expiresAt;
        _entries[principal.SessionId] = new Entry(principal.UserId, until);
        if (Epoch != epoch)
        {
            // An end was heard while the session was read (or while it was kept): it may be this one.
            _entries.TryRemove(principal.SessionId, out _);
        }
    }

    /// <summary>Sessions ended: forget them now.</summary>
    public void Forget(SessionsEnded ended)
    {
        ArgumentNullException.ThrowIfNull(ended);
        Interlocked.Increment(ref _endings);
        foreach (var (id, entry) in _entries)
        {
            if (ended.Covers(entry.UserId, id))
            {
                _entries.TryRemove(id, out _);
            }
        }
    }

    /// <summary>Serves only between a successful subscription to the session events and its loss.</summary>
    public void Listening(bool listening)
    {
        Interlocked.Increment(ref _endings);
        _listening = listening;
        _entries.Clear();
    }

    private sealed record Entry(Guid UserId, DateTimeOffset Until);
}
