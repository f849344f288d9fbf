using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Channels;
using StreamEngine.Application.Common;

namespace StreamEngine.Application.Videos;

public sealed record BeginVideoThumbnailUploadRequest(Guid VideoId, long SizeBytes);

/// <summary>A signed upload for a custom poster of the caller's READY video, within the limits of channel images
/// (size, and uploads waiting for completion, counted together with avatars and banners).</summary>
public sealed class BeginVideoThumbnailUpload(
    IVideoStore videos,
    IVideoMediaEditor media,
    IChannelImages images,
    ICurrentUser caller,
    IClock clock
)
{
    public async Task<Result<ChannelImageUpload>> Handle(BeginVideoThumbnailUploadRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var owned = await OwnedVideo.FindAsync(videos, caller, request.VideoId, ct);
        if (!owned.Succeeded)
        {
            return Result<ChannelImageUpload>.Failure(owned.Errors);
        }

        return MediaEditRules.Editable(owned.Value, media, MediaEdit.Thumbnails) is { } refused ? refused
            : request.SizeBytes is < 1 or > ChannelImageRules.MaxImageBytes ? ChannelImageRules.TooLarge
            : images.PendingUploads(owned.Value.OwnerId) >= ChannelImageRules.MaxPendingUploads
                ? ChannelImageRules.PendingQuota
            : media.BeginThumbnailUpload(owned.Value.OwnerId, request.SizeBytes, clock.UtcNow);
    }
}
