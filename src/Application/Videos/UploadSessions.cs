using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

public sealed record UploadState(UploadSession Session, IReadOnlyList<ReceivedPart> ReceivedParts, IReadOnlyList<UploadPartTarget> Parts);

/// <summary>An upload session as its owner sees it: which parts arrived (to resume) and fresh part URLs.</summary>
public sealed class GetUploadSession(IVideoStore videos, IObjectStorage storage, ICurrentUser caller, IClock clock)
{
    public async Task<Result<UploadState>> Handle(Guid uploadId, CancellationToken ct)
    {
        var owned = await OwnedUpload.FindAsync(videos, caller, uploadId, ct);
        if (!owned.Succeeded)
        {
            return Result<UploadState>.Failure(owned.Errors);
        }

        var session = owned.Value;
        var received = session.IsOpen(clock.UtcNow) ? await storage.ListPartsAsync(session, ct) : [];
        return new UploadState(session, received, session.IsOpen(clock.UtcNow) ? storage.PartTargets(session) : []);
    }
}

/// <summary>Abandons an upload: every received byte is removed and the video that awaited it is deleted.</summary>
public sealed class AbortVideoUpload(IVideoStore videos, IObjectStorage storage, ICurrentUser caller, IClock clock)
{
    public async Task<Result<bool>> Handle(Guid uploadId, CancellationToken ct)
    {
        var owned = await OwnedUpload.FindAsync(videos, caller, uploadId, ct);
        if (!owned.Succeeded)
        {
            return Result<bool>.Failure(owned.Errors);
        }

        var session = owned.Value;
        if (session.CompletedAt is not null)
        {
            return new Error("UPLOAD_COMPLETED", "This upload is complete; delete the video instead.", Kind: ErrorKind.Conflict);
        }

        await UploadCleanup.DiscardAsync(session, videos, storage, clock.UtcNow, ct);
        await videos.SaveChangesAsync(ct);
        return true;
    }
}

/// <summary>Sweeps uploads that expired unfinished: their bytes and their waiting videos go. Batch after batch until
/// none is left or <see cref="TimeBudget"/> is spent, so a backlog of any size clears in one pass.</summary>
public sealed class ExpireUploads(IVideoStore videos, IObjectStorage storage, IClock clock)
{
    public const int BatchSize = 100;

    public static readonly TimeSpan TimeBudget = TimeSpan.FromMinutes(2);

    public async Task<int> Handle(CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var total = 0;
        while (true)
        {
            var now = clock.UtcNow;
            var expired = await videos.ListExpiredOpenUploadsAsync(now, BatchSize, ct);
            foreach (var session in expired)
            {
                await UploadCleanup.DiscardAsync(session, videos, storage, now, ct);
            }

            await videos.SaveChangesAsync(ct);
            total += expired.Count;
            if (expired.Count < BatchSize || System.Diagnostics.Stopwatch.GetElapsedTime(started) > TimeBudget)
            {
                return total;
            }
        }
    }
}

/// <summary>The caller's own upload session, or why not.</summary>
internal static class OwnedUpload
{
    public static async Task<Result<UploadSession>> FindAsync(IVideoStore videos, ICurrentUser caller, Guid uploadId, CancellationToken ct)
    {
        if (caller.UserId is not { } userId)
        {
            return AccountErrors.NotAuthenticated;
        }

        var session = await videos.FindUploadAsync(uploadId, ct);
        if (session is null)
        {
            return VideoErrors.UploadNotFound;
        }

        return session.OwnerId == userId ? session : VideoErrors.NotOwner;
    }
}

internal static class UploadCleanup
{
    public static async Task DiscardAsync(UploadSession session, IVideoStore videos, IObjectStorage storage, DateTimeOffset now, CancellationToken ct)
    {
        await storage.AbortUploadAsync(session, ct);
        session.Abort(now);
        if (await videos.FindVideoAsync(session.VideoId, ct) is { Status: VideoStatus.AwaitingUpload } video)
        {
            videos.RemoveVideo(video);
        }
    }
}
