using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

public sealed record CompleteVideoThumbnailUploadRequest(Guid VideoId, string? Token);

/// <summary>Checks that the uploaded file is an image and makes it the poster of the caller's READY video, in every
/// poster size at the video's shape; the old sizes' files go.</summary>
public sealed class CompleteVideoThumbnailUpload(
    IVideoStore videos,
    IVideoMediaEditor media,
    ThumbnailReplacement replacement,
    ICurrentUser caller
)
{
    public async Task<Result<Video>> Handle(CompleteVideoThumbnailUploadRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var owned = await OwnedVideo.FindAsync(videos, caller, request.VideoId, ct);
        if (!owned.Succeeded)
        {
            return owned;
        }

        var video = owned.Value;
        if (MediaEditRules.Editable(video, media, MediaEdit.Thumbnails) is { } refused)
        {
            return refused;
        }

        var (made, refusal) = await media.ThumbnailsFromUploadAsync(
            video,
            request.Token ?? "",
            ThumbnailReplacement.NewKey(),
            ct
        );
        return made is null
            ? new Error("INVALID_IMAGE", refusal ?? "The file is not an image we can read.", "token")
            : await replacement.ReplaceAsync(video, made, ct);
    }
}
