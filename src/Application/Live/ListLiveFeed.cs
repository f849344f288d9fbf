using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Live;

namespace StreamEngine.Application.Live;

/// <summary>The feed's live part: public streams on air on the channels the caller subscribes to (empty when signed
/// out).</summary>
public sealed class ListLiveFeed(ILiveStreamQueries streams, ICurrentUser caller)
{
    public const int Limit = 50;

    public async Task<IReadOnlyList<LiveStream>> Handle(CancellationToken ct) =>
        caller.UserId is { } viewer ? await streams.LiveOnSubscriptionsAsync(viewer, Limit, ct) : [];
}
