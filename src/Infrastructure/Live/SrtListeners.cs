using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Live;
using StreamEngine.Infrastructure.Pipelines;
using StreamEngine.Transcoder;

namespace StreamEngine.Infrastructure.Live;

/// <summary>SRT ingest: one ffmpeg SRT listener per stream that has not ended, on a port of its own from
/// <see cref="LiveIngestOptions.SrtPorts"/>, with the stream key as the SRT passphrase, so a caller without the key
/// fails the SRT handshake before any media is read. An accepted caller's stream is relayed unchanged into our RTMP
/// ingest under the key, where it is authorised and carried exactly as an RTMP broadcast; when the caller leaves, the
/// listener listens again.</summary>
internal sealed class SrtListeners(
    NginxRtmpServer nginx,
    IServiceScopeFactory scopes,
    IOptions<LiveIngestOptions> options,
    IOptions<PipelineOptions> pipeline,
    IOptions<LiveOptions> liveOptions,
    ILogger<SrtListeners> logger
) : PeriodicPass, ISrtPorts
{
    private readonly ConcurrentDictionary<Guid, Listener> _listeners = new();

    protected override TimeSpan Interval => TimeSpan.FromSeconds(1);

    public int? PortOf(Guid streamId) => _listeners.TryGetValue(streamId, out var listener) ? listener.Port : null;

    protected override async Task RunPassAsync(CancellationToken ct)
    {
        var ports = options.Value.SrtPortRange();
        if (!nginx.Started || ports.Count == 0)
        {
            return;
        }

        IReadOnlyList<Domain.Live.LiveStream> open;
        await using (var scope = scopes.CreateAsyncScope())
        {
            // Enough rows that the accounts' shares can fill the range; the allotment picks among them.
            var window = ports.Count * Math.Max(1, Math.Min(liveOptions.Value.MaxOpenPerUser, 10));
            open = await scope.ServiceProvider.GetRequiredService<ILiveStreamStore>().OpenAsync(window, ct);
        }

        var held = _listeners.ToDictionary(l => l.Key, l => l.Value.Port);
        var allotted = SrtAllotment.Allot(open, held, ports, Math.Max(1, options.Value.SrtPortsPerAccount));
        var keys = open.ToDictionary(s => s.Id, s => s.StreamKey);
        foreach (var (id, listener) in _listeners)
        {
            if (!allotted.ContainsKey(id) || keys[id] != listener.Key)
            {
                await listener.StopAsync();
                _listeners.TryRemove(id, out _);
            }
        }

        foreach (var (id, port) in allotted)
        {
            if (!_listeners.ContainsKey(id))
            {
                var listener = new Listener(port, keys[id]);
                _listeners[id] = listener;
                listener.Run(ListenAsync(listener, ct));
            }
        }
    }

    private async Task ListenAsync(Listener listener, CancellationToken stopping)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(stopping, listener.Stopping);
        var ct = both.Token;
        var settings = options.Value;
        var source = string.Create(
            CultureInfo.InvariantCulture,
            $"srt://{settings.SrtAddress}:{listener.Port}?mode=listener&passphrase={listener.Key}&pbkeylen=16"
        );
        var target = string.Create(
            CultureInfo.InvariantCulture,
            $"rtmp://127.0.0.1:{nginx.RtmpPort}/live/{listener.Key}"
        );
        while (!ct.IsCancellationRequested)
        {
            var started = DateTimeOffset.UtcNow;
            try
            {
                string[] arguments =
                [
                    "-hide_banner",
                    "-nostdin",
                    "-loglevel",
                    "error",
                    "-protocol_whitelist",
                    "srt,rtmp,tcp,udp",
                    // MPEG-TS names its streams up front; two seconds see a keyframe of a usual encoder setting.
                    "-analyzeduration",
                    "2000000",
                    "-i",
                    source,
                    "-map",
                    "0:v:0",
                    "-map",
                    "0:a:0?",
                    "-c",
                    "copy",
                    "-f",
                    "flv",
                    target,
                ];
                await ProcessRunner.RunAsync(
                    pipeline.Value.ToFfmpegOptions().FfmpegPath,
                    arguments,
                    TimeSpan.FromDays(1),
                    null,
                    ct,
                    captureOutput: false
                );
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "The SRT listener on port {Port} failed", listener.Port);
            }

            // A caller that came and went: listen again at once; a listener that could not even start (its port
            // taken): wait before trying again.
            var quick = DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(2);
            await Task.Delay(quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromMilliseconds(200), ct)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    protected override void PassFailed(Exception exception) =>
        logger.LogError(exception, "A pass over the SRT listeners failed");

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var (id, listener) in _listeners)
        {
            await listener.StopAsync();
            _listeners.TryRemove(id, out _);
        }
    }

    private sealed class Listener(int port, string key) : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Lock _stopping = new();
        private Task _running = Task.CompletedTask;
        private Task? _stopped;

        public int Port { get; } = port;

        public string Key { get; } = key;

        public CancellationToken Stopping => _stop.Token;

        public void Run(Task running) => _running = running;

        /// <summary>Stops the listener once; a second caller (a pass and the host's shutdown may meet here) waits
        /// for the same stop.</summary>
        public Task StopAsync()
        {
            lock (_stopping)
            {
                return _stopped ??= StopOnceAsync();
            }
        }

        private async Task StopOnceAsync()
        {
            await _stop.CancelAsync();
            await _running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Dispose();
        }

        public void Dispose() => _stop.Dispose();
    }
}

/// <summary>The SRT port a stream's listener is on, if it has one.</summary>
public interface ISrtPorts
{
    int? PortOf(Guid streamId);
}
