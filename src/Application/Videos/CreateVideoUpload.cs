using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

public sealed record CreateVideoUploadRequest(
    string? Title,
    string? Description,
    string? FileName,
    string? ContentType,
    long SizeBytes,
    UploadProtocol Protocol = UploadProtocol.Multipart
);

public sealed record VideoUpload(Video Video, UploadSession Session, IReadOnlyList<UploadPartTarget> Parts);

/// <summary>Creates a video awaiting its upload and an upload session: multipart (one signed URL per part) or tus
/// (the bytes PATCHed to <c>/uploads/tus/{upload}</c>).</summary>
public sealed class CreateVideoUpload(
    IVideoStore videos,
    IUploadSessionStore uploads,
    IUserStore users,
    IObjectStorage storage,
    ICurrentUser caller,
    IClock clock,
    IOptions<VideoOptions> options,
    IOptions<AccountOptions> accountOptions
)
{
    public async Task<Result<VideoUpload>> Handle(CreateVideoUploadRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uploader = await Uploader.FindAsync(users, caller, accountOptions.Value, ct);
        if (!uploader.Succeeded)
        {
            return Result<VideoUpload>.Failure(uploader.Errors);
        }

        var userId = uploader.Value.Id;

        var errors = new List<Error>(VideoErrors.OfText(request.Title, request.Description));
        var title = request.Title?.Trim();

        var fileName = Path.GetFileName(request.FileName?.Trim() ?? string.Empty);
        if (fileName.Length is 0 or > 255)
        {
            errors.Add(VideoErrors.InvalidFileName);
        }

        var contentType = request.ContentType?.Trim().ToLowerInvariant() ?? string.Empty;
        if (
            !contentType.StartsWith("video/", StringComparison.Ordinal)
            && !contentType.StartsWith("audio/", StringComparison.Ordinal)
            && contentType != "application/octet-stream"
        )
        {
            errors.Add(VideoErrors.UnsupportedContentType);
        }

        var max = options.Value.MaxUploadBytes;
        if (request.SizeBytes <= 0 || request.SizeBytes > max)
        {
            errors.Add(
                request.SizeBytes <= 0
                    ? new Error("INVALID_SIZE", "The size must be positive.", "sizeBytes")
                    : VideoErrors.TooLarge(max)
            );
        }

        if (errors.Count > 0)
        {
            return Result<VideoUpload>.Failure(errors);
        }

        var now = clock.UtcNow;
        var (open, reserved) = await uploads.OpenUploadsOfOwnerAsync(userId, now, ct);
        if (open >= options.Value.MaxOpenUploadsPerUser)
        {
            return VideoErrors.OpenUploadsQuota(options.Value.MaxOpenUploadsPerUser);
        }

        if (reserved + request.SizeBytes > options.Value.MaxReservedBytesPerUser)
        {
            return VideoErrors.ReservedBytesQuota(options.Value.MaxReservedBytesPerUser);
        }

        var partSize = Math.Max(options.Value.MinPartSizeBytes, (request.SizeBytes + 9_999) / 10_000);
        var video = Video.Create(userId, title!, request.Description, now);
        var session = UploadSession.Start(
            video,
            fileName,
            contentType,
            request.SizeBytes,
            partSize,
            now,
            options.Value.UploadLifetime,
            request.Protocol
        );
        session.AttachStorageUpload(await storage.BeginUploadAsync(session, ct));
        videos.AddVideo(video);
        uploads.AddUpload(session);
        await videos.SaveChangesAsync(ct);
        return new VideoUpload(
            video,
            session,
            session.Protocol == UploadProtocol.Multipart ? storage.PartTargets(session) : []
        );
    }
}
