using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Users;

namespace StreamEngine.Infrastructure.Identity;

/// <summary>Fixed-window attempt counts per key, in this process. Per-account limits live in the database (on the
/// user and on each code); this one guards per client address, where a window per instance is enough to stop
/// guessing. Every change is a compare-and-swap, so counting and checking cannot interleave.</summary>
internal sealed class InMemoryAttemptLimiter(IOptions<AccountOptions> options) : IAttemptLimiter
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public bool TryAcquire(string key, DateTimeOffset now)
    {
        var settings = options.Value;
        if (_windows.Count > 100_000)
        {
            foreach (
                var stale in _windows
                    .Where(p => p.Value.Start + settings.ClientFailureWindow <= now)
                    .Select(p => p.Key)
                    .ToList()
            )
            {
                _windows.TryRemove(stale, out _);
            }
        }

        while (true)
        {
            if (!_windows.TryGetValue(key, out var window))
            {
                if (_windows.TryAdd(key, new Window(now, 1)))
                {
                    return true;
                }

                continue;
            }

            if (window.Start + settings.ClientFailureWindow <= now)
            {
                if (_windows.TryUpdate(key, new Window(now, 1), window))
                {
                    return true;
                }

                continue;
            }

            if (window.Count >= settings.ClientFailuresPerWindow)
            {
                return false;
            }

            if (_windows.TryUpdate(key, window.With(window.Count + 1), window))
            {
                return true;
            }
        }
    }

    public void Release(string key)
    {
        while (_windows.TryGetValue(key, out var window) && window.Count > 0)
        {
            if (_windows.TryUpdate(key, window.With(window.Count - 1), window))
            {
                return;
            }
        }
    }

    // A class, not a struct: TryUpdate's comparison then means "still the instance this thread read".
    private sealed class Window(DateTimeOffset start, int count)
    {
        public DateTimeOffset Start { get; } = start;

        public int Count { get; } = count;

        public Window With(int count) => new(Start, count);
    }
}
