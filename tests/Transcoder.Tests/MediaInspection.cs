using System.Diagnostics;
using System.Text.Json;

namespace StreamEngine.Transcoder.Tests;

/// <summary>Reads encoded output back with ffprobe, independently of the code under test.</summary>
internal static class MediaInspection
{
    public static JsonElement Probe(string path, params string[] extra)
    {
        if (path.EndsWith(".m4s", StringComparison.Ordinal))
        {
            // An fMP4 segment is readable only after its rendition's init segment.
            var joined = Path.Combine(Path.GetTempPath(), $"streamengine-segment-{Guid.NewGuid():N}.mp4");
            File.WriteAllBytes(
                joined,
                [
                    .. File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(path)!, "init.mp4")),
                    .. File.ReadAllBytes(path),
                ]
            );
            try
            {
                return Probe(joined, extra);
            }
            finally
            {
                File.Delete(joined);
            }
        }

        var start = new ProcessStartInfo("ffprobe")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-v", "error", "-print_format", "json" }.Concat(extra).Append(path))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    /// <summary>The picture type and key flag of the first video frame of a segment.</summary>
    public static bool FirstFrameIsKeyframe(string segment)
    {
        var frames = Probe(
            segment,
            "-select_streams",
            "v:0",
            "-show_frames",
            "-read_intervals",
            "%+#1",
            "-show_entries",
            "frame=key_frame,pict_type"
        );
        var first = frames.GetProperty("frames")[0];
        return first.GetProperty("key_frame").GetInt32() == 1 && first.GetProperty("pict_type").GetString() == "I";
    }

    public static (int Width, int Height, bool HasAudio) Streams(string segment)
    {
        var streams = Probe(segment, "-show_streams").GetProperty("streams").EnumerateArray().ToList();
        var video = streams.FirstOrDefault(s => s.GetProperty("codec_type").GetString() == "video");
        if (video.ValueKind != JsonValueKind.Object)
        {
            return (0, 0, streams.Any(s => s.GetProperty("codec_type").GetString() == "audio"));
        }

        return (
            video.GetProperty("width").GetInt32(),
            video.GetProperty("height").GetInt32(),
            streams.Any(s => s.GetProperty("codec_type").GetString() == "audio")
        );
    }
}
