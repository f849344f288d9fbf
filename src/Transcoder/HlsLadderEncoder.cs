using System.Globalization;

namespace StreamEngine.Transcoder;

/// <summary>Progress of a transcode: a stage and a percent of that stage.</summary>
public sealed record TranscodeProgress(string Stage, double Percent, string? Rendition = null);

/// <summary>Encodes every rendition in one ffmpeg process: the source is decoded once, normalised to a constant frame
/// rate, split, scaled per rendition and packaged as HLS. Keyframes fall every 2 seconds at the same timestamps in
/// every rendition (scene-cut keyframes off), so 4-second segments line up across the ladder.</summary>
public sealed class HlsLadderEncoder(FfmpegOptions options)
{
    public const int KeyframeIntervalSeconds = 2;
    public const int SegmentSeconds = 4;

    public async Task EncodeAsync(
        string sourcePath,
        ProbeResult probe,
        IReadOnlyList<PlannedRendition> renditions,
        string outputDirectory,
        IProgress<TranscodeProgress>? progress,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(renditions);
        var arguments = BuildArguments(sourcePath, probe, renditions, outputDirectory);
        foreach (var rendition in renditions)
        {
            Directory.CreateDirectory(Path.Combine(outputDirectory, rendition.Name));
        }

        var timeout = EncodeBudget(probe, options);
        var lastReported = -1.0;
        long lastMicros = 0;

        // Re-armed at every advance of ffmpeg's output time: silence for the stall timeout ends the encode.
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stall.CancelAfter(options.EncodeStallTimeout);
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(
                options.FfmpegPath,
                arguments,
                timeout,
                line =>
                {
                    if (
                        !line.StartsWith("out_time_us=", StringComparison.Ordinal)
                        || !long.TryParse(
                            line.AsSpan("out_time_us=".Length),
                            NumberStyles.Integer,
                            CultureInfo.InvariantCulture,
                            out var micros
                        )
                        || micros <= lastMicros
                    )
                    {
                        return;
                    }

                    lastMicros = micros;
                    try
                    {
                        stall.CancelAfter(options.EncodeStallTimeout);
                    }
                    catch (ObjectDisposedException) { }

                    var percent = Math.Clamp(micros / 1_000_000.0 / probe.DurationSeconds * 100, 0, 99.9);
                    if (progress is not null && percent - lastReported >= 1)
                    {
                        lastReported = percent;
                        progress.Report(new TranscodeProgress("ENCODING", Math.Round(percent, 1)));
                    }
                },
                stall.Token,
                captureOutput: false
            );
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TranscodeFailedException(
                $"Encoding made no progress for {options.EncodeStallTimeout.TotalSeconds:0} seconds; the file may "
                    + "be damaged.",
                transient: false
            );
        }

        if (result.TimedOut)
        {
            throw new TranscodeFailedException(
                $"Encoding did not finish within {timeout.TotalMinutes:0.#} minutes.",
                transient: false
            );
        }

        if (result.ExitCode != 0)
        {
            throw new TranscodeFailedException(
                "The video could not be decoded; the file may be damaged. " + LastLine(result.ErrorTail),
                transient: false
            );
        }
    }

    /// <summary>The longest an encode may run: a minute plus the configured time per source second, where the
    /// seconds are the claimed duration capped by what the file's size can hold.</summary>
    public static TimeSpan EncodeBudget(ProbeResult probe, FfmpegOptions options)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(options);
        var believable =
            probe.SizeBytes > 0
                ? Math.Min(probe.DurationSeconds, probe.SizeBytes / options.MinBytesPerSourceSecond)
                : probe.DurationSeconds;
        return TimeSpan.FromSeconds(60 + (Math.Max(1, believable) * options.EncodeTimeoutPerSourceSecond));
    }

    public IReadOnlyList<string> BuildArguments(
        string sourcePath,
        ProbeResult probe,
        IReadOnlyList<PlannedRendition> renditions,
        string outputDirectory
    )
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(renditions);
        var fps = probe.TargetFrameRate;
        var gop = (int)Math.Round(fps.Value * KeyframeIntervalSeconds);
        var args = new List<string> { "-hide_banner", "-nostdin", "-y", "-loglevel", "error" };
        args.AddRange(InputGuards.Arguments(options));
        args.AddRange(["-i", InputGuards.FileUrl(sourcePath)]);

        var splitOutputs = string.Concat(renditions.Select((_, i) => $"[s{i}]"));
        var graph = new List<string> { $"[0:v]fps={fps},format=yuv420p,split={renditions.Count}{splitOutputs}" };
        graph.AddRange(renditions.Select((r, i) => $"[s{i}]scale={r.Width}:{r.Height}:flags=bicubic,setsar=1[v{i}]"));
        args.AddRange(["-filter_complex", string.Join(';', graph)]);

        for (var i = 0; i < renditions.Count; i++)
        {
            var r = renditions[i];
            var folder = Path.Combine(outputDirectory, r.Name);
            args.AddRange(["-map", $"[v{i}]"]);
            if (probe.HasAudio)
            {
                args.AddRange(["-map", "0:a:0"]);
            }

            args.AddRange([
                "-c:v",
                "libx264",
                "-preset",
                options.Preset,
                "-profile:v",
                "high",
                "-b:v",
                $"{r.VideoKbps}k",
                "-maxrate",
                $"{r.VideoKbps * 107 / 100}k",
                "-bufsize",
                $"{r.VideoKbps * 3 / 2}k",
                "-g",
                gop.ToString(CultureInfo.InvariantCulture),
                "-keyint_min",
                gop.ToString(CultureInfo.InvariantCulture),
                "-sc_threshold",
                "0",
                "-force_key_frames",
                $"expr:gte(t,n_forced*{KeyframeIntervalSeconds})",
                "-fps_mode",
                "cfr",
            ]);
            if (probe.HasAudio)
            {
                args.AddRange(["-c:a", "aac", "-b:a", $"{r.AudioKbps}k", "-ac", "2", "-ar", "48000"]);
            }

            args.AddRange([
                "-f",
                "hls",
                "-hls_time",
                SegmentSeconds.ToString(CultureInfo.InvariantCulture),
                "-hls_playlist_type",
                "vod",
                "-hls_flags",
                "independent_segments",
                "-hls_segment_type",
                "mpegts",
                "-hls_segment_filename",
                Path.Combine(folder, "segment_%05d.ts"),
                Path.Combine(folder, "index.m3u8"),
            ]);
        }

        args.AddRange(["-progress", "pipe:1", "-nostats"]);
        return args;
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? string.Empty;
}

/// <summary>A transcode that failed; transient failures (timeouts, I/O) are worth a retry, others are not.</summary>
public sealed class TranscodeFailedException : Exception
{
    public TranscodeFailedException(string message, bool transient)
        : base(message)
    {
        Transient = transient;
    }

    public TranscodeFailedException()
        : this("The transcode failed.", false) { }

    public TranscodeFailedException(string message)
        : this(message, false) { }

    public TranscodeFailedException(string message, Exception inner)
        : base(message, inner) { }

    public bool Transient { get; }
}
