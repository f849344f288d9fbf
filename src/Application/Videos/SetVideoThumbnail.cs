using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

public sealed record SetVideoThumbnailRequest(Guid VideoId, double AtSeconds);

/// <summary>Makes the frame at a time of the caller's READY video its poster, in every poster size, under a new key
/// (cached copies of the old poster never show the new one stale); the old sizes' files go.</summary>
public sealed class SetVideoThumbnail(
    IVideoStore videos,
    IVideoMediaEditor media,
    ThumbnailReplacement replacement,
    ICurrentUser caller
)
{
    public static readonly Error InvalidTime = new(
        "INVALID_TIME",
        "The time is a number of seconds from 0 to the video's duration.",
        "atSeconds"
    );

    public static readonly Error NoPicture = new(
        "NO_PICTURE",
        "The video is audio only; its poster is a picture of its waveform.",
        "videoId"
    );

    public async Task<Result<Video>> Handle(SetVideoThumbnailRequest request, CancellationToken ct)
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

        if (video.Width is not > 0)
        {
            return NoPicture;
        }

        if (
            !double.IsFinite(request.AtSeconds)
            || request.AtSeconds < 0
            || request.AtSeconds > (video.DurationSeconds ?? 0)
        )
        {
            return InvalidTime;
        }

        var made = await media.ExtractThumbnailsAsync(video, request.AtSeconds, ThumbnailReplacement.NewKey(), ct);
        return await replacement.ReplaceAsync(video, made, ct);
    }
}
