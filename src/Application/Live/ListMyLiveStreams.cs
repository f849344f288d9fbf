using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Live;

namespace StreamEngine.Application.Live;

/// <summary>The caller's streams, newest first (empty when signed out).</summary>
public sealed class ListMyLiveStreams(ILiveStreamQueries streams, ICurrentUser caller)
{
    public const int Limit = 50;

    public async Task<IReadOnlyList<LiveStream>> Handle(CancellationToken ct) =>
        caller.UserId is { } userId ? await streams.OwnedAsync(userId, Limit, ct) : [];
}
