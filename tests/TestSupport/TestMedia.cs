using System.Diagnostics;
using System.Text.Json;

namespace StreamEngine.TestSupport;

/// <summary>Makes test clips with ffmpeg's lavfi sources and reads media back with ffprobe.</summary>
public static class TestMedia
{
    public static string MakeClip(string directory, string name, string lavfiArguments)
    {
        var path = Path.Combine(directory, name);
        Run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", .. lavfiArguments.Split(' '), path]);
        return path;
    }

    /// <summary>ffmpeg reading its source at the source's own pace (<c>-re</c>), as a script in
    /// <paramref name="folder"/>: an encode that lasts as long as the video, for watching one while it
    /// encodes.</summary>
    public static string RealTimeFfmpeg(string folder)
    {
        var script = Path.Combine(folder, "ffmpeg-realtime.sh");
        File.WriteAllText(script, "#!/bin/sh\nexec ffmpeg -re \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return script;
    }

    /// <summary>A tiny clip (2 s of 320x180 with a tone) that transcodes in about a second: for tests about what
    /// happens around a transcode rather than in it.</summary>
    public static string TinyClip(string directory, string name) =>
        MakeClip(
            directory,
            name + ".mp4",
            "-f lavfi -i testsrc2=size=320x180:rate=25 -f lavfi -i sine=frequency=440 -t 2 -c:v libx264 -preset "
                + "ultrafast -c:a aac -shortest"
        );

    /// <summary>A 1280x720 clip with a tone, <paramref name="seconds"/> long.</summary>
    public static string Clip720(string directory, int seconds = 9) =>
        MakeClip(
            directory,
            "clip720.mp4",
            "-f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine=frequency=440:sample_rate=48000 -t "
                + $"{seconds} -c:v libx264 -preset ultrafast -c:a aac -shortest"
        );

    public static bool FirstFrameIsKeyframe(string segmentPath)
    {
        var json = Run(
            "ffprobe",
            [
                "-v",
                "error",
                "-print_format",
                "json",
                "-select_streams",
                "v:0",
                "-show_frames",
                "-read_intervals",
                "%+#1",
                "-show_entries",
                "frame=key_frame,pict_type",
                segmentPath,
            ]
        );
        var first = JsonDocument.Parse(json).RootElement.GetProperty("frames")[0];
        return first.GetProperty("key_frame").GetInt32() == 1;
    }

    /// <summary>The mean luma (0-255) of an image's pixels, from ffmpeg's signalstats filter.</summary>
    public static double AverageLuma(string imagePath)
    {
        var json = Run(
            "ffprobe",
            [
                "-v",
                "error",
                "-f",
                "lavfi",
                "-i",
                $"movie={imagePath},signalstats",
                "-show_entries",
                "frame_tags=lavfi.signalstats.YAVG",
                "-of",
                "json",
            ]
        );
        var value = JsonDocument
            .Parse(json)
            .RootElement.GetProperty("frames")[0]
            .GetProperty("tags")
            .GetProperty("lavfi.signalstats.YAVG")
            .GetString();
        return double.Parse(value!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>ffprobe's streams and format of a file, as JSON.</summary>
    public static System.Text.Json.Nodes.JsonNode Probe(string path) =>
        System.Text.Json.Nodes.JsonNode.Parse(
            Run("ffprobe", ["-v", "error", "-print_format", "json", "-show_streams", "-show_format", path])
        )!;

    private static string Run(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(program + " could not start");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"{program} failed: {errors.Result}");
    }
}
