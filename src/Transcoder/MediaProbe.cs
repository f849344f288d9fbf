using System.Globalization;
using System.Text.Json;

namespace StreamEngine.Transcoder;

/// <summary>What ffprobe found in a file, in display orientation (rotation applied).</summary>
public sealed record ProbeResult(
    string FormatName,
    double DurationSeconds,
    int Width,
    int Height,
    int Rotation,
    double FrameRate,
    string VideoCodec,
    bool HasAudio,
    long SizeBytes,
    Transcoder.FrameRate? ConstantFrameRate = null
)
{
    /// <summary>The rate the ladder is encoded at (see <see cref="Transcoder.FrameRate.Target"/>).</summary>
    public Transcoder.FrameRate TargetFrameRate => Transcoder.FrameRate.Target(ConstantFrameRate, FrameRate);

    /// <summary>False for an audio-only source (it becomes an audio-only asset with a generated poster).</summary>
    public bool HasVideo => Width > 0 && Height > 0;
}

/// <summary>A probe that found no usable video, with a reason a person understands.</summary>
public sealed class MediaRejectedException : Exception
{
    public MediaRejectedException()
        : this("The file is not a video we can read.") { }

    public MediaRejectedException(string message)
        : base(message) { }

    public MediaRejectedException(string message, Exception inner)
        : base(message, inner) { }
}

/// <summary>Runs ffprobe on a local file with only the file protocol and the allowed demuxers, so a hostile upload
/// (an HLS playlist, a concat list) is refused before anything follows its references.</summary>
public sealed class MediaProbe(FfmpegOptions options)
{
    public async Task<ProbeResult> ProbeAsync(string path, CancellationToken ct)
    {
        var result = await ProcessRunner.RunAsync(
            options.FfprobePath,
            [
                "-v",
                "error",
                .. InputGuards.Arguments(options),
                "-show_format",
                "-show_streams",
                "-print_format",
                "json",
                InputGuards.FileUrl(path),
            ],
            options.ProbeTimeout,
            null,
            ct
        );

        if (result.TimedOut)
        {
            throw new MediaRejectedException("The file took too long to read; it is not a video we can process.");
        }

        if (result.ExitCode != 0)
        {
            throw new MediaRejectedException("The file is not a video we can read (unknown or unsupported format).");
        }

        return Parse(result.StandardOutput);
    }

    internal static ProbeResult Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var format = root.TryGetProperty("format", out var f) ? f : default;
        var streams = root.TryGetProperty("streams", out var s) ? s.EnumerateArray().ToList() : [];
        var video = streams.FirstOrDefault(x => Text(x, "codec_type") == "video" && !IsAttachedPicture(x));
        var hasAudio = streams.Any(x => Text(x, "codec_type") == "audio");
        if (video.ValueKind != JsonValueKind.Object)
        {
            return hasAudio
                ? AudioOnly(format)
                : throw new MediaRejectedException("The file has no video or audio stream.");
        }

        var width = Int(video, "width");
        var height = Int(video, "height");
        if (width <= 0 || height <= 0)
        {
            throw new MediaRejectedException("The video stream has no picture size; the file may be damaged.");
        }

        var duration = Double(format, "duration") ?? Double(video, "duration") ?? 0;
        if (duration <= 0)
        {
            throw new MediaRejectedException("The video has no duration; the file may be damaged or truncated.");
        }

        var rotation = RotationOf(video);
        if (Math.Abs(rotation) % 180 == 90)
        {
            (width, height) = (height, width);
        }

        var frameRate = Rate(Text(video, "avg_frame_rate")) is > 0 and var avg
            ? avg
            : Rate(Text(video, "r_frame_rate")) ?? 30;

        // Constant rate when the stream's base rate is its average (within 0.1%); otherwise frames come irregularly
        // and the ladder makes the rate constant.
        var baseRate = Transcoder.FrameRate.Parse(Text(video, "r_frame_rate"));
        var constant = baseRate is { } r && Math.Abs(r.Value - frameRate) <= r.Value * 0.001 ? baseRate : null;
        return new ProbeResult(
            Text(format, "format_name") ?? "unknown",
            duration,
            width,
            height,
            rotation,
            frameRate,
            Text(video, "codec_name") ?? "unknown",
            streams.Any(x => Text(x, "codec_type") == "audio"),
            long.TryParse(Text(format, "size"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var size)
                ? size
                : 0,
            constant
        );
    }

    /// <summary>A source with sound and no pictures: it becomes an audio-only asset.</summary>
    private static ProbeResult AudioOnly(JsonElement format)
    {
        var duration = Double(format, "duration") ?? 0;
        if (duration <= 0)
        {
            throw new MediaRejectedException("The audio has no duration; the file may be damaged or truncated.");
        }

        return new ProbeResult(
            Text(format, "format_name") ?? "unknown",
            duration,
            0,
            0,
            0,
            0,
            "none",
            true,
            long.TryParse(Text(format, "size"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var size)
                ? size
                : 0
        );
    }

    private static bool IsAttachedPicture(JsonElement stream) =>
        stream.TryGetProperty("disposition", out var d)
        && d.TryGetProperty("attached_pic", out var a)
        && a.ValueKind == JsonValueKind.Number
        && a.GetInt32() == 1;

    private static int RotationOf(JsonElement video)
    {
        if (video.TryGetProperty("side_data_list", out var sideData))
        {
            foreach (var item in sideData.EnumerateArray())
            {
                if (item.TryGetProperty("rotation", out var r) && r.ValueKind == JsonValueKind.Number)
                {
                    return (int)Math.Round(r.GetDouble());
                }
            }
        }

        return
            video.TryGetProperty("tags", out var tags)
            && int.TryParse(Text(tags, "rotate"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var rotate)
            ? rotate
            : 0;
    }

    private static double? Rate(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var parts = value.Split('/');
        return
            parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && d > 0
            ? n / d
            : null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : value.ToString()
            : null;

    private static int Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;

    private static double? Double(JsonElement element, string name) =>
        double.TryParse(Text(element, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}

/// <summary>The input options every ffmpeg and ffprobe run uses on uploaded files.</summary>
internal static class InputGuards
{
    public static IEnumerable<string> Arguments(FfmpegOptions options) =>
        ["-protocol_whitelist", "file", "-format_whitelist", string.Join(',', options.AllowedDemuxers)];

    /// <summary>An absolute <c>file:</c> URL, so a name can never be read as another protocol ("concat:…").</summary>
    public static string FileUrl(string path) => "file:" + Path.GetFullPath(path);
}
