using System.Globalization;
using System.Text.Json;

namespace StreamEngine.Transcoder;

/// <summary>Work on our own HLS output after the encode (never on uploads: the playlist demuxer is allowed here,
/// with only the file protocol): a frame at a time, a remux into one MP4, the media's first timestamp.</summary>
public sealed class MediaEdits(FfmpegOptions options)
{
    /// <summary>The frame at <paramref name="atSeconds"/> (clamped into the video), scaled to fit each size without
    /// upscaling; returns the sizes written.</summary>
    public async Task<IReadOnlyList<(int Width, int Height, string Path)>> ExtractFrameAsync(
        string playlist,
        double atSeconds,
        double durationSeconds,
        int sourceWidth,
        int sourceHeight,
        IReadOnlyList<(int Width, int Height, string Path)> sizes,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var at = Math.Clamp(atSeconds, 0, Math.Max(0, durationSeconds - 0.1));
        var fitted = sizes
            .Select(s =>
            {
                var scale = Math.Min(1, Math.Min((double)s.Width / sourceWidth, (double)s.Height / sourceHeight));
                return (Even(sourceWidth * scale), Even(sourceHeight * scale), s.Path);
            })
            .ToList();
        var split = string.Concat(fitted.Select((_, i) => $"[t{i}]"));
        var graph =
            $"[0:v]split={fitted.Count}{split};"
            + string.Join(';', fitted.Select((f, i) => $"[t{i}]scale={f.Item1}:{f.Item2}:flags=lanczos[o{i}]"));
        // Seeking through the playlist demuxer into fMP4 segments is unreliable in ffmpeg 5.1, and decoding from the
        // start is slow for long videos: the one segment holding the time (after its init segment) is read alone.
        var (segment, offset) = SegmentAt(playlist, at);
        var args = new List<string> { "-hide_banner", "-nostdin", "-y", "-loglevel", "error" };
        args.AddRange(["-ss", offset.ToString("0.###", CultureInfo.InvariantCulture), "-i", "file:" + segment]);
        args.AddRange(["-filter_complex", graph]);
        for (var i = 0; i < fitted.Count; i++)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(fitted[i].Path)!);
            args.AddRange(["-map", $"[o{i}]", "-frames:v", "1", "-q:v", "3", "-update", "1", fitted[i].Path]);
        }

        try
        {
            await RunAsync(args, "The frame could not be taken from the video.", ct);
        }
        finally
        {
            File.Delete(segment);
        }

        return fitted;
    }

    /// <summary>A temporary file holding the segment that contains <paramref name="atSeconds"/> (behind its init
    /// segment when fMP4), and the time within it.</summary>
    private static (string Segment, double Offset) SegmentAt(string playlist, double atSeconds)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(playlist))!;
        var segments = HlsPackage.ReadSegments(playlist);
        if (segments.Count == 0)
        {
            throw new TranscodeFailedException("The video has no segments.", transient: false);
        }

        // The segment whose span holds the time; past the end, the last one.
        var start = 0.0;
        var chosen = 0;
        while (chosen < segments.Count - 1 && atSeconds >= start + segments[chosen].Duration)
        {
            start += segments[chosen].Duration;
            chosen++;
        }

        var temporary = Path.Combine(Path.GetTempPath(), $"streamengine-frame-{Guid.NewGuid():N}.mp4");
        using (var output = File.Create(temporary))
        {
            var init = Path.Combine(folder, HlsPackage.InitSegment);
            if (File.Exists(init))
            {
                using var header = File.OpenRead(init);
                header.CopyTo(output);
            }

            using var media = File.OpenRead(Path.Combine(folder, segments[chosen].Uri));
            media.CopyTo(output);
        }

        return (temporary, Math.Clamp(atSeconds - start, 0, Math.Max(0, segments[chosen].Duration - 0.05)));
    }

    /// <summary>The video rendition and the audio rendition copied (no re-encode) into one MP4 with its index
    /// (<c>moov</c>) before the media, so it plays while it downloads.</summary>
    public async Task RemuxAsync(string videoPlaylist, string? audioPlaylist, string output, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var args = new List<string> { "-hide_banner", "-nostdin", "-y", "-loglevel", "error" };
        args.AddRange(["-protocol_whitelist", "file", "-i", "file:" + Path.GetFullPath(videoPlaylist)]);
        if (audioPlaylist is not null)
        {
            args.AddRange(["-protocol_whitelist", "file", "-i", "file:" + Path.GetFullPath(audioPlaylist)]);
            args.AddRange(["-map", "0:v:0", "-map", "1:a:0"]);
        }

        args.AddRange(["-c", "copy", "-movflags", "+faststart", "-f", "mp4", output]);
        await RunAsync(args, "The download could not be made.", ct);
    }

    /// <summary>The first presentation time of a playlist's media, in seconds.</summary>
    public async Task<double> StartTimeAsync(string playlist, CancellationToken ct)
    {
        var result = await ProcessRunner.RunAsync(
            options.FfprobePath,
            [
                "-v",
                "error",
                "-protocol_whitelist",
                "file",
                "-show_entries",
                "format=start_time",
                "-print_format",
                "json",
                "file:" + Path.GetFullPath(playlist),
            ],
            options.ProbeTimeout,
            null,
            ct
        );
        using var document = JsonDocument.Parse(result.ExitCode == 0 ? result.StandardOutput : "{}");
        return
            document.RootElement.TryGetProperty("format", out var format)
            && format.TryGetProperty("start_time", out var start)
            && double.TryParse(start.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : 0;
    }

    private async Task RunAsync(List<string> args, string failure, CancellationToken ct)
    {
        var result = await ProcessRunner.RunAsync(options.FfmpegPath, args, options.ProbeTimeout * 5, null, ct);
        if (result.ExitCode != 0 || result.TimedOut)
        {
            throw new TranscodeFailedException(
                failure + " " + result.ErrorTail.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(),
                transient: true
            );
        }
    }

    private static int Even(double value) => Math.Max(2, (int)Math.Round(value) - ((int)Math.Round(value) % 2));
}
