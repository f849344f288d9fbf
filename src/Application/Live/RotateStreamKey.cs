using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Live;

namespace StreamEngine.Application.Live;

/// <summary>Gives a stream a new key; the old one is refused from now on (a broadcaster connected with it stays
/// connected until it drops).</summary>
public sealed class RotateStreamKey(ILiveStreamStore streams, OwnedLiveStream owned, IClock clock)
{
    public async Task<Result<LiveStream>> Handle(Guid id, CancellationToken ct)
    {
        var stream = await owned.FindAsync(id, ct);
        if (!stream.Succeeded)
        {
            return stream;
        }

        if (stream.Value.Status == LiveStreamStatus.Ended)
        {
            return LiveErrors.Ended;
        }

        stream.Value.RotateKey(StreamKeys.New(), clock.UtcNow);
        await streams.SaveChangesAsync(ct);
        return stream.Value;
    }
}
