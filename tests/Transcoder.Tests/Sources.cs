using System.Diagnostics;

namespace StreamEngine.Transcoder.Tests;

/// <summary>Small test videos made with ffmpeg's lavfi sources, once per test run, in a temporary folder.</summary>
public sealed class Sources : IDisposable
{
    public Sources()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("streamengine-sources-").FullName;
        Landscape720WithAudio = Make(
            "landscape720.mp4",
            "-f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine=frequency=440:sample_rate=44100 -t 9 "
                + "-c:v libx264 -preset ultrafast -c:a aac -shortest"
        );
        Small360Silent = Make(
            "small360.mp4",
            "-f lavfi -i testsrc2=size=640x360:rate=25 -t 6 -c:v libx264 -preset ultrafast"
        );
        Portrait = Make(
            "portrait.mp4",
            "-f lavfi -i testsrc2=size=720x1280:rate=30 -f lavfi -i sine=sample_rate=48000 -t 5 -c:v libx264 "
                + "-preset ultrafast -c:a aac -shortest"
        );
        Odd1366 = Make("odd1366.mkv", "-f lavfi -i testsrc2=size=1366x768:rate=24 -t 5 -c:v libx264 -preset ultrafast");
        // ffmpeg 5.1 writes rotation metadata (a display matrix) only when stream-copying.
        var upright = Make(
            "upright.mp4",
            "-f lavfi -i testsrc2=size=640x360:rate=30 -t 4 -c:v libx264 -preset ultrafast"
        );
        Rotated = Make("rotated.mp4", $"-i {upright} -c copy -metadata:s:v:0 rotate=90");
        VariableFrameRate = Make(
            "vfr.mkv",
            "-f lavfi -i testsrc2=size=640x360:rate=30 -t 6 -vf setpts=if(lt(N\\,60)\\,N/30\\,2+(N-60)/12)/TB "
                + "-fps_mode vfr -c:v libx264 -preset ultrafast"
        );

        Corrupted = Path.Combine(Directory, "corrupted.mp4");
        var bytes = File.ReadAllBytes(Landscape720WithAudio);
        File.WriteAllBytes(Corrupted, bytes[..(bytes.Length / 3)].Concat(new byte[4096]).ToArray().Reverse().ToArray());

        TextFile = Path.Combine(Directory, "notes.mp4");
        File.WriteAllText(TextFile, "These are my holiday notes, not a video.\n");

        HostilePlaylist = Path.Combine(Directory, "playlist.mp4");
        File.WriteAllText(
            HostilePlaylist,
            "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n"
        );

        HostileConcat = Path.Combine(Directory, "concat.mp4");
        File.WriteAllText(HostileConcat, "ffconcat version 1.0\nfile '/etc/passwd'\n");
    }

    public string Directory { get; }

    public string Landscape720WithAudio { get; }

    public string Small360Silent { get; }

    public string Portrait { get; }

    public string Odd1366 { get; }

    public string Rotated { get; }

    public string VariableFrameRate { get; }

    public string Corrupted { get; }

    public string TextFile { get; }

    public string HostilePlaylist { get; }

    public string HostileConcat { get; }

    /// <summary>30 seconds of 640x360 at 25 fps with a tone, made when first asked for.</summary>
    public string Long30WithAudio =>
        _long30 ??= Make(
            "long30.mp4",
            "-f lavfi -i testsrc2=size=640x360:rate=25 -f lavfi -i sine=frequency=440:sample_rate=48000 -t 30 "
                + "-c:v libx264 -preset ultrafast -c:a aac -shortest"
        );

    private string? _long30;

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private string Make(string name, string arguments)
    {
        var path = Path.Combine(Directory, name);
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (
            var argument in new[] { "-hide_banner", "-loglevel", "error", "-y" }
                .Concat(arguments.Split(' '))
                .Append(path)
        )
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? path
            : throw new InvalidOperationException($"ffmpeg could not make {name}: {error}");
    }
}
