using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Videos;

namespace StreamEngine.Infrastructure.Storage;

/// <summary>Makes downloads one after another in this process (a remux is I/O, seconds even for long videos) and
/// reports each through <see cref="CompleteVideoDownload"/>. What is queued when the process stops is taken over by
/// the owner's next request (the video shows PREPARING with no maker).</summary>
internal sealed class DownloadWorker(
    IServiceScopeFactory scopes,
    IVideoMediaEditor media,
    ILogger<DownloadWorker> logger
) : BackgroundService, IDownloadWork
{
    private readonly Channel<(Guid VideoId, string File)> _queue = Channel.CreateUnbounded<(Guid, string)>();
    private readonly ConcurrentDictionary<Guid, byte> _running = new();

    public bool IsRunning(Guid videoId) => _running.ContainsKey(videoId);

    public void Start(Guid videoId, string file)
    {
        if (_running.TryAdd(videoId, 0))
        {
            _queue.Writer.TryWrite((videoId, file));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (videoId, file) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            long? size = null;
            try
            {
                size = await media.MakeDownloadAsync(videoId, file, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The download of video {VideoId} could not be made", videoId);
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope
                    .ServiceProvider.GetRequiredService<CompleteVideoDownload>()
                    .Handle(new DownloadOutcome(videoId, file, size), CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "The download of video {VideoId} could not be recorded", videoId);
            }
            finally
            {
                _running.TryRemove(videoId, out _);
            }
        }
    }
}

/// <summary>Where downloads cannot be made (refused before they are queued).</summary>
internal sealed class NoDownloadWork : IDownloadWork
{
    public bool IsRunning(Guid videoId) => false;

    public void Start(Guid videoId, string file) => throw new NotSupportedException();
}
