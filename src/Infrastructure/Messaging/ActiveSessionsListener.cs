using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamEngine.Application.Abstractions;
using StreamEngine.Infrastructure.Identity;

namespace StreamEngine.Infrastructure.Messaging;

/// <summary>Feeds ended sessions to the <see cref="ActiveSessionCache"/> and switches it on once it hears them.
/// Where the session events cannot be subscribed to (Redis down at start), the cache stays off and every request
/// reads its session; the listener tries again every <see cref="Retry"/>.</summary>
internal sealed class ActiveSessionsListener(
    ISessionEvents events,
    ActiveSessionCache sessions,
    ILogger<ActiveSessionsListener> logger
) : BackgroundService
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(30);

    private IAsyncDisposable? _subscription;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Subscribed before the server takes requests, when the bus allows.
        await TrySubscribeAsync();
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (_subscription is null && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Retry, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await TrySubscribeAsync();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        sessions.Listening(false);
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }

        await base.StopAsync(cancellationToken);
    }

    private async Task TrySubscribeAsync()
    {
        try
        {
            _subscription = await events.SubscribeAsync(ended =>
            {
                sessions.Forget(ended);
                return ValueTask.CompletedTask;
            });
            sessions.Listening(true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not listen for ended sessions; every request reads its session for now");
        }
    }
}
