using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

public sealed record UpdateVideoRequest(Guid VideoId, string? Title, string? Description, Visibility? Visibility);

/// <summary>Edits a video's title, description or visibility; owner only.</summary>
public sealed class UpdateVideo(IVideoStore videos, IEventBus events, ICurrentUser caller, IClock clock)
{
    public async Task<Result<Video>> Handle(UpdateVideoRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var owned = await OwnedVideo.FindAsync(videos, caller, request.VideoId, ct);
        if (!owned.Succeeded)
        {
            return owned;
        }

        var errors = new List<Error>();
        if (request.Title is not null && (request.Title.Trim().Length == 0 || request.Title.Trim().Length > Video.MaxTitleLength))
        {
            errors.Add(VideoErrors.InvalidTitle);
        }

        if (request.Description is { Length: > Video.MaxDescriptionLength })
        {
            errors.Add(VideoErrors.InvalidDescription);
        }

        if (errors.Count > 0)
        {
            return Result<Video>.Failure(errors);
        }

        var before = owned.Value.Visibility;
        var now = clock.UtcNow;
        owned.Value.Edit(request.Title, request.Description, request.Visibility, now);
        await videos.SaveChangesAsync(ct);

        // Followers learn of a visibility change: strangers' subscriptions end when the video stops being public.
        if (owned.Value.Visibility != before)
        {
            await events.PublishAsync(VideoEvents.Of(owned.Value, now), ct);
        }

        return owned.Value;
    }
}

/// <summary>Deletes a video with everything it has: files, upload sessions, a running transcode.</summary>
public sealed class DeleteVideo(IVideoStore videos, IObjectStorage storage, ITranscodePipeline pipeline, ICurrentUser caller, IClock clock)
{
    public async Task<Result<Guid>> Handle(Guid videoId, CancellationToken ct)
    {
        var owned = await OwnedVideo.FindAsync(videos, caller, videoId, ct);
        if (!owned.Succeeded)
        {
            return Result<Guid>.Failure(owned.Errors);
        }

        var video = owned.Value;
        if (video.Status == VideoStatus.Processing)
        {
            await pipeline.CancelAsync(video.Id, ct);
        }

        foreach (var session in await videos.ListUploadsOfVideoAsync(video.Id, ct))
        {
            if (session.IsOpen(clock.UtcNow))
            {
                await storage.AbortUploadAsync(session, ct);
            }

            videos.RemoveUpload(session);
        }

        if (await videos.FindJobOfVideoAsync(video.Id, ct) is { } job)
        {
            videos.RemoveJob(job);
        }

        videos.RemoveVideo(video);
        await videos.SaveChangesAsync(ct);

        // Files go after the rows: a crash in between leaves unreferenced files, never a video without its files.
        await storage.DeleteSourceAsync(video.Id, ct);
        await storage.DeleteMediaAsync(video.Id, ct);
        if (video.Status != VideoStatus.AwaitingUpload)
        {
            await pipeline.DeleteOutputsAsync(video.Id, ct);
        }

        return video.Id;
    }
}

internal static class OwnedVideo
{
    public static async Task<Result<Video>> FindAsync(IVideoStore videos, ICurrentUser caller, Guid videoId, CancellationToken ct)
    {
        if (caller.UserId is not { } userId)
        {
            return AccountErrors.NotAuthenticated;
        }

        var video = await videos.FindVideoAsync(videoId, ct);
        if (video is null || (video.OwnerId != userId && !VideoAccess.CanView(video, userId)))
        {
            return VideoErrors.NotFound;
        }

        return video.OwnerId == userId ? video : VideoErrors.NotOwner;
    }
}
