using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>Signed playback URLs for a playable video (READY, or PROCESSING with its first segments out) the caller
/// may watch (null otherwise); the owner's URLs also open the video while it is private.</summary>
public sealed class GetPlayback(IPlaybackUrlSigner signer, ICurrentUser caller, IClock clock)
{
    public SignedPlayback? Handle(Video video)
    {
        ArgumentNullException.ThrowIfNull(video);
        if (!video.IsPlayable || !VideoAccess.CanView(video, caller.UserId))
        {
            return null;
        }

        var audience = VideoAccess.IsOwner(video, caller.UserId) ? PlaybackAudience.Owner : PlaybackAudience.Public;
        return signer.Sign(video.Id, clock.UtcNow, audience);
    }
}
