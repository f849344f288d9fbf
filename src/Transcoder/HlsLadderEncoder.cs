using System.Globalization;

namespace StreamEngine.Transcoder;

/// <summary>Progress of a transcode: a stage and a percent of that stage.</summary>
public sealed record TranscodeProgress(string Stage, double Percent, string? Rendition = null);

/// <summary>Encodes every rendition in one ffmpeg process: the source is decoded once, normalised to a constant frame
/// rate, split, scaled per rendition and packaged as HLS; the audio is encoded once into its own rendition that every
/// video rendition names. Keyframes fall every 2 seconds at the same timestamps in every rendition (scene-cut
/// keyframes off), so 4-second segments line up across the ladder.</summary>
public sealed class HlsLadderEncoder(FfmpegOptions options)
{
    public const int KeyframeIntervalSeconds = 2;
    public const int SegmentSeconds = 4;

    public async Task EncodeAsync(
        string sourcePath,
        ProbeResult probe,
        EncodeJob job,
        string outputDirectory,
        IProgress<TranscodeProgress>? progress,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(job);
        var arguments = BuildArguments(sourcePath, probe, job, outputDirectory);
        foreach (var folder in job.Folders)
        {
            Directory.CreateDirectory(Path.Combine(outputDirectory, folder));
        }

        var timeout = EncodeBudget(probe, options);
        long lastMicros = 0;

        // Re-armed at every advance of ffmpeg's output time or of its output's size: silence for the stall timeout
        // ends the encode.
        await using var watch = new EncodeWatch(
            outputDirectory,
            job,
            job.Chunk?.Length ?? probe.DurationSeconds,
            options.EncodeStallTimeout,
            progress,
            ct
        );
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
                    watch.Advanced();
                    watch.Reached(micros / 1_000_000.0 / probe.DurationSeconds * 100);
                },
                watch.Token,
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
            var full = TranscodeFailedException.SaysOutOfSpace(result.ErrorTail);
            if (full || TranscodeFailedException.NoRoomAt(outputDirectory))
            {
                throw TranscodeFailedException.OutOfSpace();
            }

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
    ) => BuildArguments(sourcePath, probe, EncodeJob.Everything(probe, renditions), outputDirectory);

    /// <summary>One ffmpeg run: the source decoded once and split into every video rendition (and the storyboard's
    /// sampler), plus one audio encode that every rendition shares.</summary>
    public IReadOnlyList<string> BuildArguments(
        string sourcePath,
        ProbeResult probe,
        EncodeJob job,
        string outputDirectory
    )
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(job);
        var args = new List<string> { "-hide_banner", "-nostdin", "-y", "-loglevel", "error" };
        args.AddRange(InputGuards.Arguments(options));
        if (job.Chunk is { } chunk)
        {
            // Input seeking decodes from the keyframe before and drops frames up to the exact start.
            args.AddRange(["-ss", Seconds(chunk.Start), "-t", Seconds(chunk.Length)]);
        }

        args.AddRange(["-i", InputGuards.FileUrl(sourcePath)]);

        var branches = job.Video.Count + (job.Storyboard is null ? 0 : 1);
        if (branches > 0)
        {
            var fps = probe.TargetFrameRate;
            var splitOutputs = string.Concat(Enumerable.Range(0, branches).Select(i => $"[s{i}]"));
            var graph = new List<string> { $"[0:v]fps={fps},format=yuv420p,split={branches}{splitOutputs}" };
            graph.AddRange(
                job.Video.Select((r, i) => $"[s{i}]scale={r.Width}:{r.Height}:flags=bicubic,setsar=1[v{i}]")
            );
            if (job.Storyboard is { } storyboard)
            {
                graph.Add($"[s{job.Video.Count}]{storyboard.Filter}[sb]");
            }

            args.AddRange(["-filter_complex", string.Join(';', graph)]);
        }

        for (var i = 0; i < job.Video.Count; i++)
        {
            var r = job.Video[i];
            args.AddRange(["-map", $"[v{i}]"]);
            args.AddRange(VideoEncoder(r, probe.TargetFrameRate));
            args.Add("-an");
            args.AddRange(ChunkOutput(job.Chunk));
            args.AddRange(Hls(Path.Combine(outputDirectory, r.Name), job.Growing));
        }

        if (job.Audio)
        {
            args.AddRange(["-map", "0:a:0", "-vn", "-c:a", "aac", "-b:a", $"{RenditionLadder.AudioKbps}k"]);
            args.AddRange(["-ac", "2", "-ar", "48000"]);
            args.AddRange(Hls(Path.Combine(outputDirectory, RenditionLadder.AudioName), job.Growing));
        }

        if (job.Storyboard is not null)
        {
            var sprite = Path.Combine(outputDirectory, StoryboardLayout.Folder, StoryboardLayout.SpriteFile);
            args.AddRange(["-map", "[sb]", "-frames:v", "1", "-q:v", "4", "-f", "image2", "-update", "1", sprite]);
        }

        args.AddRange(["-progress", "pipe:1", "-nostats"]);
        return args;
    }

    private IEnumerable<string> VideoEncoder(PlannedRendition r, FrameRate fps)
    {
        var gop = ((int)Math.Round(fps.Value * KeyframeIntervalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (r.Codec == VideoCodec.Av1)
        {
            // SVT-AV1: VBR at the rung's bitrate, a keyframe every 2 seconds and no scene-change keyframes, so its
            // segments line up with the H.264 ones.
            return
            [
                "-c:v",
                "libsvtav1",
                "-preset",
                options.Av1Preset.ToString(CultureInfo.InvariantCulture),
                "-b:v",
                $"{r.VideoKbps}k",
                "-g",
                gop,
                "-svtav1-params",
                "scd=0",
                "-fps_mode",
                "cfr",
            ];
        }

        return
        [
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
            gop,
            "-keyint_min",
            gop,
            "-sc_threshold",
            "0",
            "-force_key_frames",
            $"expr:gte(t,n_forced*{KeyframeIntervalSeconds})",
            "-fps_mode",
            "cfr",
        ];
    }

    private IEnumerable<string> Hls(string folder, bool growing)
    {
        var fmp4 = options.SegmentFormat == SegmentFormat.Fmp4;
        return
        [
            "-f",
            "hls",
            "-hls_time",
            SegmentSeconds.ToString(CultureInfo.InvariantCulture),
            "-hls_playlist_type",
            growing ? "event" : "vod",
            "-hls_flags",
            growing ? "independent_segments+temp_file" : "independent_segments",
            "-hls_segment_type",
            fmp4 ? "fmp4" : "mpegts",
            .. fmp4 ? (string[])["-hls_fmp4_init_filename", HlsPackage.InitSegment] : [],
            "-hls_segment_filename",
            Path.Combine(folder, fmp4 ? "segment_%05d.m4s" : "segment_%05d.ts"),
            Path.Combine(folder, "index.m3u8"),
        ];
    }

    /// <summary>A chunk's segments are numbered on from the earlier chunks'; TS timestamps start where it starts, fMP4
    /// ones at 0 without an edit list (<see cref="Fmp4Timeline"/> moves them when joining).</summary>
    private IEnumerable<string> ChunkOutput(ChunkPlan? chunk) =>
        chunk is null ? []
        : options.SegmentFormat == SegmentFormat.Fmp4
            ?
            [
                "-start_number",
                chunk.FirstSegment.ToString(CultureInfo.InvariantCulture),
                "-hls_segment_options",
                "use_editlist=0",
            ]
        :
        [
            "-start_number",
            chunk.FirstSegment.ToString(CultureInfo.InvariantCulture),
            "-output_ts_offset",
            Seconds(chunk.Start),
        ];

    private static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? string.Empty;
}
