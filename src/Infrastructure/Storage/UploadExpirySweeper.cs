using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Engagement;
using StreamEngine.Application.Videos;

namespace StreamEngine.Infrastructure.Storage;

/// <summary>Every few minutes, removes uploads that expired unfinished, with their bytes and waiting videos, abandoned
/// channel image uploads, and view records older than the view window (they no longer hold a view back).</summary>
internal sealed class UploadExpirySweeper(
    IServiceScopeFactory scopes,
    LocalChannelImages images,
    IClock clock,
    IOptions<EngagementOptions> engagement,
    ILogger<UploadExpirySweeper> logger
) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var removed = await scope.ServiceProvider.GetRequiredService<ExpireUploads>().Handle(stoppingToken);
                if (removed > 0)
                {
                    logger.LogInformation("Removed {Count} expired upload(s)", removed);
                }

                var abandoned = images.PruneAbandonedUploads(clock.UtcNow);
                if (abandoned > 0)
                {
                    logger.LogInformation("Removed {Count} abandoned channel image upload(s)", abandoned);
                }

                var pruned = await scope
                    .ServiceProvider.GetRequiredService<IViewingStore>()
                    .PruneViewRecordsAsync(clock.UtcNow - engagement.Value.ViewWindow, stoppingToken);
                if (pruned > 0)
                {
                    logger.LogInformation("Forgot {Count} view record(s) past the view window", pruned);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Sweeping expired uploads and view records failed; it runs again later");
            }
        } while (
            await timer
                .WaitForNextTickAsync(stoppingToken)
                .AsTask()
                .ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default)
        );
    }
}
