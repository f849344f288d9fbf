using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamEngine.Application.Videos;

namespace StreamEngine.Infrastructure.Storage;

/// <summary>Every few minutes, removes uploads that expired unfinished, with their bytes and waiting videos.</summary>
internal sealed class UploadExpirySweeper(IServiceScopeFactory scopes, ILogger<UploadExpirySweeper> logger) : BackgroundService
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
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Sweeping expired uploads failed; it runs again later");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default));
    }
}
