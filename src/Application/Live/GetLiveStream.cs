using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Live;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Live;

/// <summary>A stream as the caller may see it: its owner always, anyone else unless it is private.</summary>
public sealed class GetLiveStream(ILiveStreamStore streams, ICurrentUser caller)
{
    public async Task<LiveStream?> Handle(Guid id, CancellationToken ct) =>
        await streams.FindLiveStreamAsync(id, ct) is { } stream && CanView(stream, caller.UserId) ? stream : null;

    public static bool CanView(LiveStream stream, Guid? viewer)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return stream.OwnerId == viewer || stream.Visibility != Visibility.Private;
    }
}
