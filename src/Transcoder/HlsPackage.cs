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
public sealed class HlsPackage(FfmpegOptions options)
{
    /// <summary>The file beside a rendition's playlist in which a distributed encode (one task per rendition) leaves
    /// its measurement for whoever writes the master playlist.</summary>
    public const string RenditionManifest = "rendition.json";

    public const string MasterPlaylist = "master.m3u8";

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

        await WriteMasterAsync(outputDirectory, outputs, ct);
        return outputs;
    }

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
        var codecs = await CodecsOfAsync(Path.Combine(folder, segments[0].Uri), ct);
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

    /// <summary>Writes master.m3u8 listing the renditions, highest first.</summary>
    public static async Task WriteMasterAsync(
        string outputDirectory,
        IReadOnlyList<RenditionOutput> outputs,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var master = new StringBuilder();
        master.Append("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        foreach (var output in outputs.OrderByDescending(o => o.PeakBandwidth))
        {
            master.Append(
                CultureInfo.InvariantCulture,
                $"#EXT-X-STREAM-INF:BANDWIDTH={output.PeakBandwidth},AVERAGE-BANDWIDTH={output.AverageBandwidth},"
            );
            master.Append(
                CultureInfo.InvariantCulture,
                $"RESOLUTION={output.Width}x{output.Height},FRAME-RATE={output.FrameRate:0.000},"
            );
            master.Append(CultureInfo.InvariantCulture, $"CODECS=\"{output.Codecs}\"\n");
            master.Append(CultureInfo.InvariantCulture, $"{output.Name}/index.m3u8\n");
        }

        Directory.CreateDirectory(outputDirectory);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, MasterPlaylist), master.ToString(), ct);
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

    private async Task<string> CodecsOfAsync(string segmentPath, CancellationToken ct)
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
                InputGuards.FileUrl(segmentPath),
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
            else if (type == "audio" && name == "aac")
            {
                var profile = stream.TryGetProperty("profile", out var p) ? p.GetString() : "LC";
                codecs.Add(profile is "HE-AAC" ? "mp4a.40.5" : "mp4a.40.2");
            }
        }

        return string.Join(',', codecs);
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
