using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Live;
using StreamEngine.Infrastructure.Pipelines;

namespace StreamEngine.Infrastructure.Live;

/// <summary>Runs <see cref="SweepLiveStreams"/> every two seconds, and tells subscribers of a live stream when its
/// viewer count changes.</summary>
internal sealed class LiveStreamSweeper(
    IServiceScopeFactory scopes,
    ILiveStreamEvents events,
    LiveViewers viewers,
    IClock clock,
    ILogger<LiveStreamSweeper> logger
) : PeriodicPass
{
    private readonly Dictionary<Guid, int> _announced = [];

    protected override TimeSpan Interval => TimeSpan.FromSeconds(2);

    protected override async Task RunPassAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        IReadOnlyList<Domain.Live.LiveStream> live;
        try
        {
            live = await scope.ServiceProvider.GetRequiredService<SweepLiveStreams>().Handle(ct);
        }
        catch (ConcurrencyConflictException)
        {
            return; // Changed meanwhile by the ingest or its owner: the next pass sees the new state.
        }

        foreach (var gone in _announced.Keys.Except(live.Select(s => s.Id)).ToList())
        {
            _announced.Remove(gone);
        }

        foreach (var stream in live)
        {
            var count = viewers.Of(stream.Id);
            if (_announced.TryGetValue(stream.Id, out var before) && before == count)
            {
                continue;
            }

            _announced[stream.Id] = count;
            await events.PublishAsync(LiveStreamEvent.Of(stream, count, clock.UtcNow), ct);
        }
    }

    protected override void PassFailed(Exception exception) =>
        logger.LogError(exception, "A pass over the live streams failed");
}
