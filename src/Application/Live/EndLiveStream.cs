using StreamEngine.Application.Common;
using StreamEngine.Domain.Live;

namespace StreamEngine.Application.Live;

/// <summary>Its owner ends a stream (idempotent): the broadcaster is dropped and a recorded broadcast becomes a
/// video.</summary>
public sealed class EndLiveStream(OwnedLiveStream owned, LiveStreamEnding ending)
{
    public async Task<Result<LiveStream>> Handle(Guid id, CancellationToken ct)
    {
        var stream = await owned.FindAsync(id, ct);
        if (stream.Succeeded)
        {
            await ending.EndAsync(stream.Value, null, ct);
        }

        return stream;
    }
}
