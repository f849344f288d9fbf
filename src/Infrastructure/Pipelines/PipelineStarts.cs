using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Videos;
using StreamEngine.Infrastructure.Persistence;

namespace StreamEngine.Infrastructure.Pipelines;

/// <summary>Carries out the pipeline starts owed (<see cref="PipelineStart"/>): at once after the commit that owes
/// one (through <see cref="OutboxedTranscodePipeline"/>), and from a background pass for any left behind by a crash,
/// a refused call or a lost lease. Each attempt leases its row first, so two instances never start the same video at
/// the same time (and every pipeline's start is idempotent besides: one job row per video, one execution named after
/// it). A failed attempt is retried with back-off; after the last one the video is FAILED with the reason.</summary>
public sealed partial class PipelineStarts(
    IServiceScopeFactory scopes,
    IClock clock,
    IOptions<PipelineOptions> options,
    PipelineMetrics metrics,
    ILogger<PipelineStarts> logger
) : PeriodicPass
{
    /// <summary>The key of the pipeline adapter itself, behind the outbox.</summary>
    public const string Direct = "direct";

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <summary>Starts the video's pipeline if a start is owed, due and not being made elsewhere; true when this call
    /// started it.</summary>
    public async Task<bool> TryStartAsync(Guid videoId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.UtcNow;
        var leasedUntil = now + Lease;
        var claimed = await db
            .PipelineStarts.Where(s => s.VideoId == videoId && s.DueAt <= now)
            .ExecuteUpdateAsync(
                set => set.SetProperty(s => s.DueAt, leasedUntil).SetProperty(s => s.Attempts, s => s.Attempts + 1),
                ct
            );
        if (claimed == 0)
        {
            return false;
        }

        // Made by a later pass, the start continues the trace of the request that owed it.
        using var span = System.Diagnostics.Activity.Current is null
            ? Telemetry.StreamEngineTracing.StartContinuing(
                "pipeline start",
                await db
                    .PipelineStarts.Where(s => s.VideoId == videoId)
                    .Select(s => s.TraceParent)
                    .FirstOrDefaultAsync(ct)
            )
            : null;
        try
        {
            await scope.ServiceProvider.GetRequiredKeyedService<ITranscodePipeline>(Direct).StartAsync(videoId, ct);
            await db.PipelineStarts.Where(s => s.VideoId == videoId).ExecuteDeleteAsync(CancellationToken.None);
            metrics.Start("started");
            return true;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            await AttemptFailedAsync(scope.ServiceProvider, videoId, ex);
            return false;
        }
    }

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override void PassFailed(Exception exception) => LogPassFailed(logger, exception);

    /// <summary>Owes the video a start (a reconciler found its pipeline has no trace of it); the next pass makes
    /// it. Owed already is fine.</summary>
    public static async Task OweAsync(IServiceProvider services, Guid videoId, DateTimeOffset now, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        db.PipelineStarts.Add(new PipelineStart { VideoId = videoId, DueAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A start is owed already (another instance got here first).
        }
    }

    /// <summary>One pass over the starts that are due.</summary>
    protected override Task RunPassAsync(CancellationToken ct) => StartDueAsync(ct);

    internal async Task StartDueAsync(CancellationToken ct)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = clock.UtcNow;
            due = await scope
                .ServiceProvider.GetRequiredService<AppDbContext>()
                .PipelineStarts.AsNoTracking()
                .Where(s => s.DueAt <= now)
                .OrderBy(s => s.DueAt)
                .Select(s => s.VideoId)
                .Take(20)
                .ToListAsync(ct);
        }

        foreach (var videoId in due)
        {
            if (await TryStartAsync(videoId, ct))
            {
                LogStartedLate(logger, videoId);
            }
        }
    }

    private async Task AttemptFailedAsync(IServiceProvider services, Guid videoId, Exception error)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var start = await db.PipelineStarts.AsNoTracking().FirstOrDefaultAsync(s => s.VideoId == videoId);
        if (start is null)
        {
            return;
        }

        var settings = options.Value;
        if (start.Attempts >= settings.MaxStartAttempts)
        {
            LogGaveUp(logger, videoId, start.Attempts, error);
            metrics.Start("failed");
            await services
                .GetRequiredService<MarkVideoFailed>()
                .Handle(
                    new TranscodeFailure(
                        videoId,
                        $"The transcoding pipeline could not be started after {start.Attempts} attempts."
                    ),
                    CancellationToken.None
                );
            await db.PipelineStarts.Where(s => s.VideoId == videoId).ExecuteDeleteAsync();
            return;
        }

        var delay = settings.StartRetryDelay * Math.Pow(2, Math.Min(start.Attempts - 1, 16));
        var next = clock.UtcNow + (delay > TimeSpan.FromMinutes(5) ? TimeSpan.FromMinutes(5) : delay);
        var message = error.Message.Length > 1000 ? error.Message[..1000] : error.Message;
        await db
            .PipelineStarts.Where(s => s.VideoId == videoId)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.DueAt, next).SetProperty(s => s.LastError, message));
        LogAttemptFailed(logger, videoId, start.Attempts, next, error);
        metrics.Start("retried");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A pipeline start pass failed; the next pass retries.")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Video {VideoId}: its pipeline was started by the retry pass.")]
    private static partial void LogStartedLate(ILogger logger, Guid videoId);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Video {VideoId}: pipeline start attempt {Attempt} failed; next attempt at {NextAt}."
    )]
    private static partial void LogAttemptFailed(
        ILogger logger,
        Guid videoId,
        int attempt,
        DateTimeOffset nextAt,
        Exception exception
    );

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "Video {VideoId}: its pipeline could not be started in {Attempts} attempts; it is FAILED."
    )]
    private static partial void LogGaveUp(ILogger logger, Guid videoId, int attempts, Exception exception);
}

/// <summary>The pipeline as the use cases see it: a start goes through the outbox row its commit wrote (so it happens
/// once, now or on a later pass); cancelling and deleting outputs go straight to the adapter.</summary>
internal sealed partial class OutboxedTranscodePipeline(
    PipelineStarts starts,
    [FromKeyedServices(PipelineStarts.Direct)] ITranscodePipeline direct,
    ILogger<OutboxedTranscodePipeline> logger
) : ITranscodePipeline
{
    public async Task StartAsync(Guid videoId, CancellationToken ct)
    {
        try
        {
            await starts.TryStartAsync(videoId, ct);
        }
        catch (Exception ex)
            when (ex
                    is System.Data.Common.DbException
                        or DbUpdateException
                        or InvalidOperationException
                        or TimeoutException
            )
        {
            // The start is owed in the database already: the background pass makes it; the caller's commit stands.
            LogDeferred(logger, videoId, ex);
        }
    }

    public Task CancelAsync(Guid videoId, CancellationToken ct) => direct.CancelAsync(videoId, ct);

    public Task DeleteOutputsAsync(Guid videoId, CancellationToken ct) => direct.DeleteOutputsAsync(videoId, ct);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Video {VideoId}: its start is left to the retry pass.")]
    private static partial void LogDeferred(ILogger logger, Guid videoId, Exception exception);
}
