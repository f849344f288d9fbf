using System.Collections.Concurrent;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Infrastructure.Live;

/// <summary>Counts the people watching a live stream: distinct players that loaded one of its playlists in the last
/// <see cref="Window"/> (a player reloads its playlist every segment).</summary>
public sealed class LiveViewers(IClock clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private const int MaxPerStream = 100_000;
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, DateTimeOffset>> _seen = new();

    public void Seen(Guid streamId, string player)
    {
        var players = _seen.GetOrAdd(streamId, _ => new(StringComparer.Ordinal));
        if (players.Count < MaxPerStream || players.ContainsKey(player))
        {
            players[player] = clock.UtcNow;
        }
    }

    public int Of(Guid streamId)
    {
        if (!_seen.TryGetValue(streamId, out var players))
        {
            return 0;
        }

        var since = clock.UtcNow - Window;
        foreach (var (player, at) in players)
        {
            if (at < since)
            {
                players.TryRemove(player, out _);
            }
        }

        return players.Count;
    }

    public void Forget(Guid streamId) => _seen.TryRemove(streamId, out _);
}
