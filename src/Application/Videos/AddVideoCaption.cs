using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

public sealed record AddVideoCaptionRequest(
    Guid VideoId,
    string Language,
    string Label,
    CaptionFormat Format,
    string Content
);

/// <summary>Adds a caption track to the caller's READY video, or replaces the track of the same language: the text is
/// checked and normalised to WebVTT, written under a new key, and the master playlist's subtitles group is rewritten
/// without re-encoding. Nothing changes when anything is refused.</summary>
public sealed class AddVideoCaption(
    IVideoStore videos,
    IVideoMediaEditor media,
    IEventBus events,
    ICurrentUser caller,
    IClock clock
)
{
    public async Task<Result<Video>> Handle(AddVideoCaptionRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var owned = await OwnedVideo.FindAsync(videos, caller, request.VideoId, ct);
        if (!owned.Succeeded)
        {
            return owned;
        }

        var video = owned.Value;
        var checkedInput = CaptionRules.Check(video, media, request.Language, request.Label);
        if (!checkedInput.Succeeded)
        {
            return Result<Video>.Failure(checkedInput.Errors);
        }

        var vtt = CaptionText.ToWebVtt(request.Format, request.Content ?? string.Empty, video.DurationSeconds ?? 0);
        if (!vtt.Succeeded)
        {
            return Result<Video>.Failure(vtt.Errors);
        }

        var now = clock.UtcNow;
        var (language, label) = checkedInput.Value;
        var caption = new Caption(language, label, CaptionRules.NewKey(language), now);
        if (!video.PutCaption(caption, now, out var replaced))
        {
            return CaptionErrors.Full;
        }

        await media.WriteCaptionAsync(video.Id, caption, vtt.Value, video.DurationSeconds ?? 0, ct);
        await videos.SaveChangesAsync(ct);
        await media.PublishCaptionsAsync(video.Id, video.Captions, CancellationToken.None);
        if (replaced is not null)
        {
            await media.DeleteFilesAsync(video.Id, CaptionRules.FilesOf(replaced), CancellationToken.None);
        }

        await events.PublishAsync(VideoEvents.Of(video, now), CancellationToken.None);
        return video;
    }
}
