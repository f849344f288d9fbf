using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Videos;

namespace StreamEngine.Web.Endpoints;

/// <summary>Answers "may strangers still watch this video?" for the local media endpoint, each answer kept for
/// <see cref="VideoOptions.PublicPlaybackRecheck"/> so a player's segment requests cost one look-up per video per
/// interval, and a video made private stops playing within that interval.</summary>
public sealed class PublicPlaybackGate(IServiceScopeFactory scopes, IClock clock, IOptions<VideoOptions> options)
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<Guid, (bool Watchable, DateTimeOffset Until)> _answers = new();

    public async ValueTask<bool> IsWatchableAsync(Guid videoId, CancellationToken ct)
    {
        var now = clock.UtcNow;
        if (_answers.TryGetValue(videoId, out var known) && known.Until > now)
        {
            return known.Watchable;
        }

        await using var scope = scopes.CreateAsyncScope();
        var watchable = await scope.ServiceProvider.GetRequiredService<CheckPublicPlayback>().Handle(videoId, ct);
        if (_answers.Count >= MaxEntries)
        {
            _answers.Clear();
        }

        _answers[videoId] = (watchable, now + options.Value.PublicPlaybackRecheck);
        return watchable;
    }
}
