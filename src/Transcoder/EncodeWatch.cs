namespace StreamEngine.Transcoder;

/// <summary>Watches an encode's output folders while ffmpeg runs. ffmpeg's own progress report (<c>out_time</c>)
/// stays silent until every output has produced something, and the storyboard's single sprite is written at the end:
/// an encode that makes the storyboard reports nothing until it is done (measured with ffmpeg 5.1: one report for a
/// 200 s source, against one every half second without the sprite). So any new byte in the output folders also counts
/// as progress, and the segments written say how far the encode is.</summary>
internal sealed class EncodeWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _stall;
    private readonly TimeSpan _stallTimeout;
    private readonly IProgress<TranscodeProgress>? _progress;
    private readonly Lock _gate = new();
    private readonly Task _loop;
    private double _lastReported = -1;

    public EncodeWatch(
        string outputDirectory,
        EncodeJob job,
        double durationSeconds,
        TimeSpan stallTimeout,
        IProgress<TranscodeProgress>? progress,
        CancellationToken ct
    )
    {
        _stallTimeout = stallTimeout;
        _progress = progress;
        _stall = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _stall.CancelAfter(stallTimeout);
        var interval = TimeSpan.FromTicks(
            Math.Clamp(stallTimeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 100, TimeSpan.TicksPerSecond * 5)
        );
        var folders = job.Folders.Select(f => Path.Combine(outputDirectory, f)).ToList();
        var first = folders.FirstOrDefault();
        _loop = Task.Run(
            async () =>
            {
                long last = 0;
                try
                {
                    while (true)
                    {
                        await Task.Delay(interval, _stop.Token);
                        var (bytes, segments) = Measure(folders, first);
                        if (bytes > last)
                        {
                            last = bytes;
                            Advanced();
                        }

                        if (segments > 0 && durationSeconds > 0)
                        {
                            Reached(segments * HlsLadderEncoder.SegmentSeconds / durationSeconds * 100);
                        }
                    }
                }
                catch (OperationCanceledException) { }
            },
            CancellationToken.None
        );
    }

    /// <summary>Cancelled when nothing advanced for the stall timeout (or the caller cancels).</summary>
    public CancellationToken Token => _stall.Token;

    /// <summary>Something advanced: the stall timeout starts again.</summary>
    public void Advanced()
    {
        try
        {
            _stall.CancelAfter(_stallTimeout);
        }
        catch (ObjectDisposedException) { }
    }

    /// <summary>The encode is this far: reported in steps of at least one percent, never backwards.</summary>
    public void Reached(double percent)
    {
        percent = Math.Clamp(percent, 0, 99.9);
        lock (_gate)
        {
            if (_progress is null || percent - _lastReported < 1)
            {
                return;
            }

            _lastReported = percent;
        }

        _progress.Report(new TranscodeProgress("ENCODING", Math.Round(percent, 1)));
    }

    /// <summary>Bytes written under the folders, and the complete segments of the first.</summary>
    private static (long Bytes, int Segments) Measure(List<string> folders, string? first)
    {
        long bytes = 0;
        var segments = 0;
        foreach (var folder in folders.Where(Directory.Exists))
        {
            try
            {
                foreach (var file in new DirectoryInfo(folder).EnumerateFiles())
                {
                    bytes += file.Length;
                    if (folder == first && file.Extension is ".m4s" or ".ts")
                    {
                        segments++;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A file renamed or removed while we looked: the next look counts it.
            }
        }

        return (bytes, segments);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        _stall.Dispose();
    }
}
