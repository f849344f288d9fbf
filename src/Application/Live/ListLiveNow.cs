using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Live;

namespace StreamEngine.Application.Live;

/// <summary>Public streams that are live now, newest first; of one channel when given.</summary>
public sealed class ListLiveNow(ILiveStreamQueries streams)
{
    public const int Limit = 50;

    public Task<IReadOnlyList<LiveStream>> Handle(Guid? ownerId, CancellationToken ct) =>
        streams.LiveNowAsync(ownerId, Limit, ct);
}
