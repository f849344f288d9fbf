using Microsoft.Extensions.Hosting;

namespace StreamEngine.Infrastructure.Pipelines;

/// <summary>A background service that runs one pass, waits its interval and runs again until the host stops; a pass
/// that fails is reported and the next one retries (a dependency that is down for a while stops nothing).</summary>
public abstract class PeriodicPass : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunPassAsync(CancellationToken ct);

    protected abstract void PassFailed(Exception exception);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunPassAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                PassFailed(ex);
            }

            await Task.Delay(Interval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
