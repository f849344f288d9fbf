using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamEngine.Infrastructure.Persistence;

namespace StreamEngine.Infrastructure.Pipelines;

/// <summary>The worker's heartbeat: a row saying it is alive, how busy it is and what kind of process it is
/// in.</summary>
internal sealed partial class TranscodeJobWorker
{
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;
    private DateTimeOffset _nextBeat = DateTimeOffset.MinValue;

    /// <summary>Beats when one is due; a failure only delays the next (the database check reports the
    /// outage).</summary>
    private async Task BeatIfDueAsync(int running, CancellationToken ct)
    {
        var now = clock.UtcNow;
        if (now < _nextBeat)
        {
            return;
        }

        _nextBeat = now + WorkerHeartbeats.Interval;
        await using var scope = scopes.CreateAsyncScope();
        await WorkerHeartbeats.BeatAsync(
            scope.ServiceProvider.GetRequiredService<AppDbContext>(),
            new WorkerHeartbeat
            {
                Id = _owner,
                Role = instance.Value.Role.ToString(),
                StartedAt = _startedAt,
                LastSeenAt = now,
                Running = running,
                Concurrency = Settings.Concurrency,
            },
            ct
        );
    }

    /// <summary>A worker that stops says so at once, rather than being counted until its beat lapses.</summary>
    private async Task EndBeatsAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await WorkerHeartbeats.EndAsync(
                scope.ServiceProvider.GetRequiredService<AppDbContext>(),
                _owner,
                CancellationToken.None
            );
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogDebug(ex, "The worker's heartbeat could not be removed; it lapses by itself");
        }
    }
}
