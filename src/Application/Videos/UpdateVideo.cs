using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

public sealed record UpdateVideoRequest(
    Guid VideoId,
    string? Title,
    string? Description,
    Visibility? Visibility,
    bool? AllowDownloads = null
);

/// <summary>Edits a video's title, description, visibility or whether viewers may download it; owner only.</summary>
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

        var errors = VideoErrors.OfText(request.Title, request.Description, titleRequired: false);
        if (errors.Count > 0)
        {
            return Result<Video>.Failure(errors);
        }

        var video = owned.Value;
        var before = (video.Title, video.Description, video.Visibility, video.AllowDownloads);
        var now = clock.UtcNow;
        video.Edit(request.Title, request.Description, request.Visibility, now);
        if (request.AllowDownloads is { } allow)
        {
            video.SetAllowDownloads(allow, now);
        }

        await videos.SaveChangesAsync(ct);

        // Followers learn of every change (their caches take the video from the event); strangers' subscriptions end
        // when the video stops being public. An edit that changes nothing is not an event.
        if ((video.Title, video.Description, video.Visibility, video.AllowDownloads) != before)
        {
            await events.PublishAsync(VideoEvents.Of(owned.Value, now), ct);
        }

        return owned.Value;
    }
}
