using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Live;

namespace StreamEngine.Application.Live;

/// <summary>The ingest asks whether a broadcaster presenting <c>streamKey</c> may publish, before it reads any
/// media: the key must name a stream that is not ended and has no broadcaster, within the account's and the
/// instance's limits. The stream is CONNECTING afterwards.</summary>
public sealed class AuthorizeLivePublish(
    ILiveStreamStore streams,
    ILiveStreamEvents events,
    IClock clock,
    IOptions<LiveOptions> options
)
{
    public async Task<Result<LiveStream>> Handle(string? streamKey, CancellationToken ct)
    {
        if (!options.Value.Enabled)
        {
            return LiveErrors.Disabled;
        }

        if (
            streamKey is not { Length: > 0 and <= LiveStream.KeyLength }
            || await streams.FindByKeyAsync(streamKey, ct) is not { } stream
        )
        {
            return LiveErrors.KeyRefused;
        }

        switch (stream.Status)
        {
            case LiveStreamStatus.Ended:
                return LiveErrors.Ended;
            case LiveStreamStatus.Connecting or LiveStreamStatus.Live:
                return LiveErrors.AlreadyPublishing;
            case LiveStreamStatus.Idle:
                // A returning broadcaster (RECONNECTING) is counted already.
                if (await streams.CountActiveAsync(stream.OwnerId, ct) >= options.Value.MaxActivePerUser)
                {
                    return LiveErrors.TooManyActive(options.Value.MaxActivePerUser);
                }

                if (await streams.CountActiveAsync(null, ct) >= options.Value.MaxActivePerInstance)
                {
                    return LiveErrors.InstanceFull;
                }

                break;
        }

        var now = clock.UtcNow;
        if (!stream.BeginPublish(now))
        {
            return LiveErrors.AlreadyPublishing;
        }

        await streams.SaveChangesAsync(ct);
        await events.PublishAsync(LiveStreamEvent.Of(stream, null, now), ct);
        return stream;
    }
}
