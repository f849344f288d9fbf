using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Users;

namespace StreamEngine.Infrastructure.Identity;

/// <summary>Fixed-window failure counts per key, in this process. Per-account limits live in the database (on the
/// user); this one guards per client address, where a window per instance is enough to stop guessing.</summary>
internal sealed class InMemoryAttemptLimiter(IOptions<AccountOptions> options) : IAttemptLimiter
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public bool IsBlocked(string key, DateTimeOffset now) =>
        _windows.TryGetValue(key, out var window) && window.Start + options.Value.ClientFailureWindow > now
        && window.Count >= options.Value.ClientFailuresPerWindow;

    public void RecordFailure(string key, DateTimeOffset now)
    {
        if (_windows.Count > 100_000)
        {
            foreach (var stale in _windows.Where(p => p.Value.Start + options.Value.ClientFailureWindow <= now).Select(p => p.Key).ToList())
            {
                _windows.TryRemove(stale, out _);
            }
        }

        _windows.AddOrUpdate(
            key,
            _ => new Window(now, 1),
            (_, w) => w.Start + options.Value.ClientFailureWindow <= now ? new Window(now, 1) : w with { Count = w.Count + 1 });
    }

    public void Reset(string key) => _windows.TryRemove(key, out _);

    private sealed record Window(DateTimeOffset Start, int Count);
}
