using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>Deletes a video with everything it has: files, upload sessions, a running transcode.</summary>
public sealed class DeleteVideo(
    IVideoStore videos,
    IUploadSessionStore uploads,
    IObjectStorage storage,
    ITranscodePipeline pipeline,
    ICurrentUser caller,
    IClock clock
)
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

        foreach (var session in await uploads.ListUploadsOfVideoAsync(video.Id, ct))
        {
            if (session.IsOpen(clock.UtcNow))
            {
                await storage.AbortUploadAsync(session, ct);
            }

            uploads.RemoveUpload(session);
        }

        // A local transcode job row goes with the video (the database cascades).
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
