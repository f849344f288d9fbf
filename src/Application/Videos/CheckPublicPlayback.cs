using StreamEngine.Application.Abstractions;

namespace StreamEngine.Application.Videos;

/// <summary>Whether anyone at all may watch the video now (playable and not private): what a URL signed for the public
/// still needs while it is used.</summary>
public sealed class CheckPublicPlayback(IVideoStore videos)
{
    public async Task<bool> Handle(Guid videoId, CancellationToken ct) =>
        await VideoAccess.FindWatchableAsync(videos, videoId, null, ct) is not null;
}
