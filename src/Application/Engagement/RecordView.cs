using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Engagement;

public sealed record ViewOutcome(Video Video, bool Counted);

/// <summary>A player reports a viewing when playback starts. The view counts at most once per viewer per window, and
/// the viewing goes into a signed-in viewer's history unless they paused it.</summary>
public sealed class RecordView(
    IVideoStore videos,
    IUserStore users,
    IViewingStore viewings,
    IVideoQueries queries,
    ICurrentUser caller,
    IClock clock,
    IOptions<EngagementOptions> options
)
{
    public async Task<Result<ViewOutcome>> Handle(Guid videoId, CancellationToken ct)
    {
        if (await VideoAccess.FindWatchableAsync(videos, videoId, caller.UserId, ct) is not { } video)
        {
            return VideoErrors.NotFound;
        }

        var now = clock.UtcNow;
        var counted = await viewings.CountViewAsync(videoId, ViewerKey(), now, options.Value.ViewWindow, ct);
        if (caller.UserId is { } id && await users.FindUserAsync(id, ct) is { WatchHistoryPaused: false })
        {
            await viewings.RecordWatchAsync(id, videoId, now, options.Value.WatchHistoryLimit, ct);
        }

        var fresh = await queries.VideosByIdAsync([videoId], ct);
        return new ViewOutcome(fresh.TryGetValue(videoId, out var updated) ? updated : video, counted);
    }

    /// <summary>A signed-in viewer is their id; an anonymous one their network address, kept only as a
    /// digest.</summary>
    private string ViewerKey() =>
        caller.UserId is { } userId
            ? "u:" + userId.ToString("N")
            : "a:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(caller.ClientAddress)))[..40];
}
