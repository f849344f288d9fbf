using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

public sealed record DeleteVideoCaptionRequest(Guid VideoId, string Language);

/// <summary>Removes the caption track of a language from the caller's video: the master playlist stops naming it,
/// then its files go.</summary>
public sealed class DeleteVideoCaption(
    IVideoStore videos,
    IVideoMediaEditor media,
    IEventBus events,
    ICurrentUser caller,
    IClock clock
)
{
    public async Task<Result<Video>> Handle(DeleteVideoCaptionRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var owned = await OwnedVideo.FindAsync(videos, caller, request.VideoId, ct);
        if (!owned.Succeeded)
        {
            return owned;
        }

        var video = owned.Value;
        var now = clock.UtcNow;
        if (CaptionRules.Canonical(request.Language) is not { } language)
        {
            return CaptionErrors.InvalidLanguage;
        }

        if (video.RemoveCaption(language, now) is not { } removed)
        {
            return CaptionErrors.NotFound;
        }

        await videos.SaveChangesAsync(ct);
        await media.PublishCaptionsAsync(video.Id, video.Captions, CancellationToken.None);
        await media.DeleteFilesAsync(video.Id, CaptionRules.FilesOf(removed), CancellationToken.None);
        await events.PublishAsync(VideoEvents.Of(video, now), CancellationToken.None);
        return video;
    }
}
