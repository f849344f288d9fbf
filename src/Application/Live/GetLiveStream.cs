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

/// <summary>The caller's streams, newest first (empty when signed out).</summary>
public sealed class ListMyLiveStreams(ILiveStreamStore streams, ICurrentUser caller)
{
    public const int Limit = 50;

    public async Task<IReadOnlyList<LiveStream>> Handle(CancellationToken ct) =>
        caller.UserId is { } userId ? await streams.OwnedAsync(userId, Limit, ct) : [];
}

/// <summary>Public streams that are live now, newest first; of one channel when given.</summary>
public sealed class ListLiveNow(ILiveStreamStore streams)
{
    public const int Limit = 50;

    public Task<IReadOnlyList<LiveStream>> Handle(Guid? ownerId, CancellationToken ct) =>
        streams.LiveNowAsync(ownerId, Limit, ct);
}
