using System.Globalization;
using System.Text;
using System.Text.Json;

namespace StreamEngine.Transcoder;

/// <summary>A finished rendition with figures measured from its output.</summary>
public sealed record RenditionOutput(
    string Name,
    int Width,
    int Height,
    long PeakBandwidth,
    long AverageBandwidth,
    string Codecs,
    int SegmentCount,
    double FrameRate
);

/// <summary>Measures each rendition's segments and writes <c>master.m3u8</c>: RESOLUTION, CODECS from the encoded
/// streams, BANDWIDTH as the peak segment bit rate and AVERAGE-BANDWIDTH over the whole rendition.</summary>
public sealed partial class HlsPackage(FfmpegOptions options)
{
    /// <summary>The file beside a rendition's playlist in which a distributed encode (one task per rendition) leaves
    /// its measurement for whoever writes the master playlist.</summary>
    public const string RenditionManifest = "rendition.json";

    /// <summary>The file in which a distributed encode's last task leaves what the whole ladder came to (the variants
    /// as the master lists them and the storyboard), for the server to read.</summary>
    public const string OutputsManifest = "outputs.json";

    public const string MasterPlaylist = "master.m3u8";

    /// <summary>The initialisation segment of an fMP4 rendition, beside its playlist.</summary>
    public const string InitSegment = "init.mp4";

    /// <summary>The group id of the shared audio rendition in the master playlist.</summary>
    public const string AudioGroup = "aud";

    public async Task<IReadOnlyList<RenditionOutput>> WriteMasterAsync(
        string outputDirectory,
        IReadOnlyList<PlannedRendition> renditions,
        double frameRate,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(renditions);
        var outputs = new List<RenditionOutput>();
        foreach (var rendition in renditions)
        {
            outputs.Add(await MeasureAsync(outputDirectory, rendition, frameRate, ct));
        }

        var audio = await MeasureAudioAsync(outputDirectory, ct);
        return await WriteMasterAsync(outputDirectory, outputs, audio, ct);
    }

    /// <summary>The shared audio rendition's figures, or null when the video has no audio.</summary>
    public async Task<RenditionOutput?> MeasureAudioAsync(string outputDirectory, CancellationToken ct) =>
        File.Exists(Path.Combine(outputDirectory, RenditionLadder.AudioName, "index.m3u8"))
            ? await MeasureAsync(
                outputDirectory,
                new PlannedRendition(RenditionLadder.AudioName, 0, 0, RenditionLadder.AudioKbps),
                0,
                ct
            )
            : null;

    /// <summary>Peak and average bit rate and codecs of one encoded rendition, from its segments.</summary>
    public async Task<RenditionOutput> MeasureAsync(
        string outputDirectory,
        PlannedRendition rendition,
        double frameRate,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(rendition);
        var folder = Path.Combine(outputDirectory, rendition.Name);
        var segments = ReadSegments(Path.Combine(folder, "index.m3u8"));
        if (segments.Count == 0)
        {
            throw new TranscodeFailedException($"The {rendition.Name} rendition has no segments.", transient: false);
        }

        var sized = segments
            .Select(s => (s.Duration, Bits: new FileInfo(Path.Combine(folder, s.Uri)).Length * 8.0))
            .ToList();
        var peak = sized
            .Where(s => s.Duration > 0.5)
            .Select(s => s.Bits / s.Duration)
            .DefaultIfEmpty(sized.Max(s => s.Bits / Math.Max(s.Duration, 0.001)))
            .Max();
        var average = sized.Sum(s => s.Bits) / Math.Max(sized.Sum(s => s.Duration), 0.001);
        var codecs = await CodecsOfAsync(Path.Combine(folder, "index.m3u8"), ct);
        return new RenditionOutput(
            rendition.Name,
            rendition.Width,
            rendition.Height,
            (long)Math.Ceiling(peak),
            (long)Math.Ceiling(average),
            codecs,
            segments.Count,
            frameRate
        );
    }

    /// <summary>Writes master.m3u8 listing the video renditions, highest first, each naming the shared audio
    /// rendition when there is one (its codec and bit rate added to theirs, as a player needs both at once). An
    /// audio-only video lists the audio rendition as its one variant. Returns the variants as written.</summary>
    public static async Task<IReadOnlyList<RenditionOutput>> WriteMasterAsync(
        string outputDirectory,
        IReadOnlyList<RenditionOutput> video,
        RenditionOutput? audio,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(video);
        var variants = video
            .Select(v =>
                audio is null
                    ? v
                    : v with
                    {
                        PeakBandwidth = v.PeakBandwidth + audio.PeakBandwidth,
                        AverageBandwidth = v.AverageBandwidth + audio.AverageBandwidth,
                        Codecs = v.Codecs + "," + audio.Codecs,
                    }
            )
            .OrderByDescending(o => o.PeakBandwidth)
            .ToList();
        var fmp4 = video
            .Append(audio)
            .Any(o => o is not null && File.Exists(Path.Combine(outputDirectory, o.Name, InitSegment)));
        var master = new StringBuilder();
        master.Append(CultureInfo.InvariantCulture, $"#EXTM3U\n#EXT-X-VERSION:{(fmp4 ? 7 : 3)}\n");
        master.Append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        if (audio is not null && variants.Count > 0)
        {
            master.Append(
                CultureInfo.InvariantCulture,
                $"#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"{AudioGroup}\",NAME=\"Main\",DEFAULT=YES,AUTOSELECT=YES,"
                    + $"CHANNELS=\"2\",URI=\"{audio.Name}/index.m3u8\"\n"
            );
        }

        foreach (var output in variants)
        {
            master.Append(
                CultureInfo.InvariantCulture,
                $"#EXT-X-STREAM-INF:BANDWIDTH={output.PeakBandwidth},AVERAGE-BANDWIDTH={output.AverageBandwidth},"
            );
            master.Append(
                CultureInfo.InvariantCulture,
                $"RESOLUTION={output.Width}x{output.Height},FRAME-RATE={output.FrameRate:0.000},"
            );
            master.Append(CultureInfo.InvariantCulture, $"CODECS=\"{output.Codecs}\"");
            master.Append(audio is null ? "\n" : $",AUDIO=\"{AudioGroup}\"\n");
            master.Append(CultureInfo.InvariantCulture, $"{output.Name}/index.m3u8\n");
        }

        if (variants.Count == 0 && audio is not null)
        {
            master.Append(
                CultureInfo.InvariantCulture,
                $"#EXT-X-STREAM-INF:BANDWIDTH={audio.PeakBandwidth},AVERAGE-BANDWIDTH={audio.AverageBandwidth},"
                    + $"CODECS=\"{audio.Codecs}\"\n{audio.Name}/index.m3u8\n"
            );
            variants.Add(audio);
        }

        Directory.CreateDirectory(outputDirectory);
        await ReplaceAsync(Path.Combine(outputDirectory, MasterPlaylist), master.ToString(), ct);
        return variants;
    }

    /// <summary>The media segments of a VOD playlist with their durations.</summary>
    public static IReadOnlyList<(double Duration, string Uri)> ReadSegments(string playlistPath)
    {
        var segments = new List<(double, string)>();
        double? duration = null;
        foreach (var raw in File.ReadLines(playlistPath))
        {
            var line = raw.Trim();
            if (line.StartsWith("#EXTINF:", StringComparison.Ordinal))
            {
                var value = line["#EXTINF:".Length..].Split(',')[0];
                duration = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
            else if (line.Length > 0 && !line.StartsWith('#') && duration is { } d)
            {
                segments.Add((d, line));
                duration = null;
            }
        }

        return segments;
    }

    /// <summary>The codecs of a rendition, read from its playlist or from media of its own (an fMP4 segment alone has
    /// no stream headers; our own output, so the playlist demuxer is safe to use here).</summary>
    private async Task<string> CodecsOfAsync(string mediaPath, CancellationToken ct)
    {
        var result = await ProcessRunner.RunAsync(
            options.FfprobePath,
            [
                "-v",
                "error",
                "-protocol_whitelist",
                "file",
                "-show_streams",
                "-print_format",
                "json",
                InputGuards.FileUrl(mediaPath),
            ],
            options.ProbeTimeout,
            null,
            ct
        );
        if (result.ExitCode != 0)
        {
            throw new TranscodeFailedException("An encoded segment could not be read back.", transient: true);
        }

        using var document = JsonDocument.Parse(result.StandardOutput);
        var codecs = new List<string>();
        foreach (var stream in document.RootElement.GetProperty("streams").EnumerateArray())
        {
            var type = stream.GetProperty("codec_type").GetString();
            var name = stream.GetProperty("codec_name").GetString();
            if (type == "video" && name == "h264")
            {
                var profile = stream.TryGetProperty("profile", out var p) ? p.GetString() : "High";
                var level =
                    stream.TryGetProperty("level", out var l) && l.ValueKind == JsonValueKind.Number
                        ? l.GetInt32()
                        : 40;
                codecs.Insert(0, AvcCodec(profile, level));
            }
            else if (type == "video" && name == "av1")
            {
                var level =
                    stream.TryGetProperty("level", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetInt32() : 8;
                codecs.Insert(0, Av1Codec(stream.TryGetProperty("profile", out var p) ? p.GetString() : "Main", level));
            }
            else if (type == "audio" && name == "aac")
            {
                var profile = stream.TryGetProperty("profile", out var p) ? p.GetString() : "LC";
                codecs.Add(profile is "HE-AAC" ? "mp4a.40.5" : "mp4a.40.2");
            }
        }

        return string.Join(',', codecs);
    }

    /// <summary>The AV1 codecs parameter <c>av01.P.LLT.DD</c>: profile, seq_level_idx and tier (main), 8-bit
    /// depth (the ladder is yuv420p).</summary>
    public static string Av1Codec(string? profile, int level)
    {
        var number = profile switch
        {
            "High" => 1,
            "Professional" => 2,
            _ => 0,
        };
        return string.Create(CultureInfo.InvariantCulture, $"av01.{number}.{Math.Clamp(level, 0, 31):00}M.08");
    }

    /// <summary>RFC 6381 <c>avc1.PPCCLL</c>: profile_idc, constraint flags, level_idc, in hex.</summary>
    public static string AvcCodec(string? profile, int level)
    {
        var (profileIdc, constraints) = profile switch
        {
            "Constrained Baseline" => (66, 0xE0),
            "Baseline" => (66, 0x00),
            "Main" => (77, 0x40),
            "High 10" => (110, 0x00),
            _ => (100, 0x00),
        };
        return string.Create(CultureInfo.InvariantCulture, $"avc1.{profileIdc:x2}{constraints:x2}{level:x2}");
    }
}
