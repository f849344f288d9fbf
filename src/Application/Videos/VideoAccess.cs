using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>Who may see a video: its owner always; anyone else only a READY video that is not private.</summary>
public static class VideoAccess
{
    public static bool CanView(Video video, Guid? callerId)
    {
        ArgumentNullException.ThrowIfNull(video);
        return video.OwnerId == callerId || (video.IsReady && video.Visibility != Visibility.Private);
    }

    public static bool IsOwner(Video video, Guid? callerId) => video is not null && callerId is not null && video.OwnerId == callerId;
}
