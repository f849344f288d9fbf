using System.Globalization;
using Microsoft.Extensions.Logging;
using StreamEngine.Application.Live;
using StreamEngine.Transcoder;

namespace StreamEngine.Infrastructure.Live;

/// <summary>One broadcaster's connection: probes what it sends (refusing what cannot be carried), runs the ladder
/// into the stream's folder, reports LIVE when every rung has a segment, drops a broadcaster above the bit rate
/// limit, and reports the drop when the ladder's input ends.</summary>
internal sealed partial class LiveBroadcast(
    Guid streamId,
    string input,
    LiveFolders folders,
    LiveIngestOptions options,
    LiveOptions limits,
    FfmpegOptions ffmpeg,
    LiveBroadcasts owner,
    ILogger<LiveBroadcast> logger
) : IDisposable
{
    private static readonly TimeSpan BitrateWindow = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _stop = new();
    private volatile bool _stopped;

    public Task Completion { get; private set; } = Task.CompletedTask;

    public bool Finished => Completion.IsCompleted && _started;

    private bool _started;

    public void Start()
    {
        _started = true;
        Completion = Task.Run(RunAsync);
    }

    /// <summary>Stops the ladder without reporting a drop (the stream ended, or a new connection took over).</summary>
    public void Stop()
    {
        _stopped = true;
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException) { }
    }

    /// <summary>The run disposes its own cancellation when it ends; this is for a broadcast never started.</summary>
    public void Dispose() => _stop.Dispose();

    private async Task RunAsync()
    {
        var ct = _stop.Token;
        try
        {
            var source = await ProbeAsync(ct);
            if (source is null)
            {
                await ReportAsync(LiveIngestChange.Disconnected);
                return;
            }

            if (LiveLadder.Refusal(source) is { } refusal)
            {
                _stopped = true;
                await owner.ReportAsync(new LiveIngestReport(streamId, LiveIngestChange.Refused, refusal));
                return;
            }

            await EncodeAsync(source, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "The ladder of live stream {StreamId} failed", streamId);
            await ReportAsync(LiveIngestChange.Disconnected);
        }
        finally
        {
            _stop.Dispose();
        }
    }

    private async Task EncodeAsync(LiveSource source, CancellationToken ct)
    {
        var ladder = LiveLadder.Plan(
            source,
            [
                .. options.LadderHeights.Select(h =>
                    RenditionLadder.Default.FirstOrDefault(r => r.ShortSide == h)
                    ?? new LadderRung($"{h}p", h, Math.Max(300, h * 4))
                ),
            ]
        );
        var folder = folders.StreamOf(streamId);
        for (var i = 0; i < ladder.Count; i++)
        {
            Directory.CreateDirectory(Path.Combine(folder, $"r{i}"));
        }

        var settings = new LiveLadderSettings(options.EffectiveSegmentSeconds, options.WindowSegments, options.Preset);
        var arguments = LiveLadder.Arguments(input, source, ladder, settings);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watch = WatchAsync(folder, ladder, source.AudioCodec is not null, watching.Token);
        var result = await ProcessRunner.RunAsync(
            ffmpeg.FfmpegPath,
            arguments,
            limits.MaxDuration + TimeSpan.FromMinutes(5),
            null,
            ct,
            captureOutput: false,
            workingDirectory: folder
        );
        await watching.CancelAsync();
        await watch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (result.ExitCode != 0 && !ct.IsCancellationRequested)
        {
            logger.LogInformation(
                "The ladder of live stream {StreamId} ended ({Code}): {Errors}",
                streamId,
                result.ExitCode,
                result.ErrorTail
            );
        }

        await ReportAsync(LiveIngestChange.Disconnected);
    }

    /// <summary>Reports LIVE once every rung has a segment (after writing the master playlist), and drops a
    /// broadcaster that sends more than the limit.</summary>
    private async Task WatchAsync(string folder, IReadOnlyList<LiveRung> ladder, bool audio, CancellationToken ct)
    {
        var live = false;
        var samples = new Queue<(DateTimeOffset At, long Bytes)>();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (await timer.WaitForNextTickAsync(ct))
        {
            if (
                !live
                && Enumerable
                    .Range(0, ladder.Count)
                    .All(i => HasSegment(Path.Combine(folder, LiveLadder.PlaylistOf(i))))
            )
            {
                var master = Path.Combine(folder, "master.m3u8");
                await File.WriteAllTextAsync(master + ".tmp", LiveLadder.Master(ladder, audio), ct);
                File.Move(master + ".tmp", master, overwrite: true);
                live = true;
                await owner.ReportAsync(new LiveIngestReport(streamId, LiveIngestChange.SegmentsOut));
            }

            if (Bitrate(samples) is { } kbps && kbps > limits.MaxBitrateKbps * 1.25)
            {
                _stopped = true;
                await owner.ReportAsync(
                    new LiveIngestReport(
                        streamId,
                        LiveIngestChange.Refused,
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"The broadcast sent {kbps:0} kbit/s; the maximum is {limits.MaxBitrateKbps} kbit/s."
                        )
                    )
                );
                return;
            }
        }
    }

    /// <summary>The incoming bit rate over the last window, from the growth of this connection's recording.</summary>
    private double? Bitrate(Queue<(DateTimeOffset At, long Bytes)> samples)
    {
        var now = DateTimeOffset.UtcNow;
        var recordings = folders.RecordingsOf(streamId);
        var recording = recordings.Count > 0 ? recordings[^1] : null;
        var bytes = recording is null ? 0 : new FileInfo(recording).Length;
        samples.Enqueue((now, bytes));
        while (samples.Count > 1 && now - samples.Peek().At > BitrateWindow)
        {
            samples.Dequeue();
        }

        var (firstAt, firstBytes) = samples.Peek();
        var seconds = (now - firstAt).TotalSeconds;
        return seconds >= BitrateWindow.TotalSeconds * 0.9 && bytes >= firstBytes
            ? (bytes - firstBytes) * 8 / 1000.0 / seconds
            : null;
    }

    private static bool HasSegment(string playlist)
    {
        try
        {
            return File.Exists(playlist) && File.ReadAllText(playlist).Contains("#EXTINF", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private Task ReportAsync(LiveIngestChange change) =>
        _stopped ? Task.CompletedTask : owner.ReportAsync(new LiveIngestReport(streamId, change));
}
