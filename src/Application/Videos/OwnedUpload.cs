using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>The caller's own upload session, or why not.</summary>
internal static class OwnedUpload
{
    public static async Task<Result<UploadSession>> FindAsync(
        IUploadSessionStore uploads,
        ICurrentUser caller,
        Guid uploadId,
        CancellationToken ct
    )
    {
        if (caller.UserId is not { } userId)
        {
            return AccountErrors.NotAuthenticated;
        }

        var session = await uploads.FindUploadAsync(uploadId, ct);
        if (session is null)
        {
            return VideoErrors.UploadNotFound;
        }

        return session.OwnerId == userId ? session : VideoErrors.NotOwner;
    }
}

internal static class UploadCleanup
{
    public static async Task DiscardAsync(
        UploadSession session,
        IVideoStore videos,
        IObjectStorage storage,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        await storage.AbortUploadAsync(session, ct);
        session.Abort(now);
        if (await videos.FindVideoAsync(session.VideoId, ct) is { Status: VideoStatus.AwaitingUpload } video)
        {
            videos.RemoveVideo(video);
        }
    }
}
