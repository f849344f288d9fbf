using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Live;
using StreamEngine.Infrastructure.Configuration;
using StreamEngine.Infrastructure.Pipelines;

namespace StreamEngine.Infrastructure.Live;

/// <summary>The broadcasts connected to this instance's ingest, each with its ladder (<see cref="LiveBroadcast"/>),
/// and what the ingest reports about them to the use cases.</summary>
public sealed class LiveBroadcasts(
    NginxRtmpServer nginx,
    LiveFolders folders,
    LiveViewers viewers,
    IServiceScopeFactory scopes,
    IPublicUrls urls,
    IHttpClientFactory http,
    IOptions<LiveIngestOptions> options,
    IOptions<LiveOptions> limits,
    IOptions<PipelineOptions> pipeline,
    ISrtPorts srt,
    ILoggerFactory loggers
) : ILiveIngest, IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, LiveBroadcast> _broadcasts = new();
    private readonly ILogger _logger = loggers.CreateLogger<LiveBroadcasts>();

    public Uri RtmpUrl =>
        options.Value.PublicRtmpUrl
        ?? new Uri(
            string.Create(
                CultureInfo.InvariantCulture,
                $"rtmp://{urls.BaseUrl.Host}:{(nginx.Started ? nginx.RtmpPort : options.Value.RtmpPort)}/live"
            )
        );

    public Uri? SrtUrlOf(Guid streamId, string streamKey) =>
        srt.PortOf(streamId) is { } port
            ? new Uri(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"srt://{urls.BaseUrl.Host}:{port}?streamid={streamId:N}&passphrase={streamKey}&pbkeylen=16"
                )
            )
            : null;

    public bool IsPublishing(Guid streamId) =>
        _broadcasts.TryGetValue(streamId, out var broadcast) && !broadcast.Finished;

    public int ViewersOf(Guid streamId) => viewers.Of(streamId);

    /// <summary>A broadcaster was accepted: its ladder starts (a previous connection's ladder stops first).</summary>
    public void Begin(Guid streamId)
    {
        var broadcast = new LiveBroadcast(
            streamId,
            nginx.LoopbackUrlOf(streamId),
            folders,
            options.Value,
            limits.Value,
            pipeline.Value.ToFfmpegOptions(),
            this,
            loggers.CreateLogger<LiveBroadcast>()
        );
        if (_broadcasts.TryGetValue(streamId, out var previous))
        {
            previous.Stop();
        }

        _broadcasts[streamId] = broadcast;
        broadcast.Start();
    }

    public async Task DisconnectAsync(Guid streamId, CancellationToken ct)
    {
        if (_broadcasts.TryRemove(streamId, out var broadcast))
        {
            // Waited for, so that no ladder writes into a folder removed after this.
            broadcast.Stop();
            await broadcast
                .Completion.WaitAsync(TimeSpan.FromSeconds(10), ct)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await DropPublisherAsync(streamId, ct);
        viewers.Forget(streamId);
    }

    internal async Task DropPublisherAsync(Guid streamId, CancellationToken ct)
    {
        if (!nginx.Started)
        {
            return;
        }

        try
        {
            using var client = http.CreateClient(nameof(LiveBroadcasts));
            using var response = await client.GetAsync(
                new Uri(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"http://127.0.0.1:{nginx.ControlPort}/control/drop/publisher?app=live&name={streamId:N}"
                    )
                ),
                ct
            );
        }
        catch (HttpRequestException ex)
        {
            _logger.LogWarning(ex, "Could not drop the broadcaster of live stream {StreamId}", streamId);
        }
    }

    /// <summary>Tells the use cases what happened to a broadcast, in a scope of its own; a write that met a concurrent
    /// one is tried again on fresh state.</summary>
    internal async Task ReportAsync(LiveIngestReport report)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope
                    .ServiceProvider.GetRequiredService<ReportLiveIngest>()
                    .Handle(report, CancellationToken.None);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < 3) { }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _logger.LogError(
                    ex,
                    "Could not report {Change} of live stream {StreamId}",
                    report.Change,
                    report.StreamId
                );
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var broadcast in _broadcasts.Values)
        {
            broadcast.Stop();
            await broadcast.Completion;
        }
    }
}
