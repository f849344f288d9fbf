using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamEngine.Application.Videos;
using StreamEngine.Transcoder;

namespace StreamEngine.Infrastructure.Pipelines;

/// <summary>Progress of one job, applied in order by one consumer (so the database sees one writer per video) and
/// thinned to steps of at least 2 percent within a stage.</summary>
internal sealed class JobProgress : IProgress<TranscodeProgress>, IAsyncDisposable
{
    private readonly Channel<TranscodeProgress> _reports = Channel.CreateUnbounded<TranscodeProgress>(
        new UnboundedChannelOptions { SingleReader = true }
    );
    private readonly Task _consumer;

    public JobProgress(IServiceScopeFactory scopes, Guid videoId, ILogger logger) =>
        _consumer = Task.Run(
            async () =>
            {
                string? stage = null;
                var percent = -100.0;
                await foreach (var report in _reports.Reader.ReadAllAsync(CancellationToken.None))
                {
                    if (report.Stage == stage && report.Percent - percent < 2)
                    {
                        continue;
                    }

                    stage = report.Stage;
                    percent = report.Percent;
                    try
                    {
                        await using var scope = scopes.CreateAsyncScope();
                        await scope
                            .ServiceProvider.GetRequiredService<ReportTranscodeProgress>()
                            .Handle(
                                new TranscodeProgressReport(videoId, report.Stage, report.Percent, report.Rendition),
                                CancellationToken.None
                            );
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        logger.LogWarning(ex, "Progress of video {VideoId} could not be recorded", videoId);
                    }
                }
            },
            CancellationToken.None
        );

    public void Report(TranscodeProgress value) => _reports.Writer.TryWrite(value);

    public async ValueTask DisposeAsync()
    {
        _reports.Writer.TryComplete();
        await _consumer;
    }
}
