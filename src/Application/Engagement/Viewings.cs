using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Users;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Engagement;

public sealed record ViewOutcome(Video Video, bool Counted);

/// <summary>Viewings: a player reports one when playback starts. The view counts at most once per viewer per
/// window, and the viewing goes into the viewer's history unless they paused it.</summary>
public sealed class Viewings(
    IVideoStore videos, IAccountStore accounts, IEngagementStore store, IEngagementQueries queries, ICurrentUser caller, IClock clock, IOptions<EngagementOptions> options)
{
    public async Task<Result<ViewOutcome>> Record(Guid videoId, CancellationToken ct)
    {
        if (await VideoAccess.FindWatchableAsync(videos, videoId, caller.UserId, ct) is not { } video)
        {
            return VideoErrors.NotFound;
        }

        var now = clock.UtcNow;
        // An anonymous viewer is their network address, kept only as a digest.
        var viewer = caller.UserId is { } userId ? "u:" + userId.ToString("N")
            : "a:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(caller.ClientAddress)))[..40];
        var counted = await store.CountViewAsync(videoId, viewer, now, options.Value.ViewWindow, ct);
        if (caller.UserId is { } id && await accounts.FindUserAsync(id, ct) is { WatchHistoryPaused: false })
        {
            await store.RecordWatchAsync(id, videoId, now, options.Value.WatchHistoryLimit, ct);
        }

        var fresh = await queries.VideosByIdAsync([videoId], ct);
        return new ViewOutcome(fresh.TryGetValue(videoId, out var updated) ? updated : video, counted);
    }

    public Task<Result<Page<WatchedVideo>>> History(PageRequest page, CancellationToken ct) =>
        caller.UserId is { } userId ? Pages.RunAsync(page, () => queries.WatchHistoryAsync(userId, page, ct)) : Pages.NotSignedIn<WatchedVideo>();

    public async Task<Result<User>> Pause(bool paused, CancellationToken ct)
    {
        if (caller.UserId is not { } userId || await accounts.FindUserAsync(userId, ct) is not { } user)
        {
            return AccountErrors.NotAuthenticated;
        }

        user.PauseWatchHistory(paused);
        await accounts.SaveChangesAsync(ct);
        return user;
    }

    public async Task<Result<int>> Clear(Guid? videoId, CancellationToken ct)
    {
        if (caller.UserId is not { } userId)
        {
            return AccountErrors.NotAuthenticated;
        }

        return videoId is { } id ? await store.RemoveFromWatchHistoryAsync(userId, id, ct) ? 1 : 0 : await store.ClearWatchHistoryAsync(userId, ct);
    }
}
