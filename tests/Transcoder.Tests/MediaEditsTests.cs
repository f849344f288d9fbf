using System.Diagnostics;
using System.Globalization;

namespace StreamEngine.Transcoder.Tests;

/// <summary>Edits of our own output with real ffmpeg: a frame at a time, a remux into one MP4.</summary>
public sealed class MediaEditsTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("streamengine-edits-").FullName;
    private readonly FfmpegOptions _options = new() { Preset = "ultrafast" };

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Theory]
    [InlineData(SegmentFormat.Fmp4, 1.0)]
    [InlineData(SegmentFormat.Fmp4, 5.5)]
    [InlineData(SegmentFormat.Ts, 4.0)]
    public async Task The_frame_at_a_time_is_taken_in_every_size_without_upscaling(SegmentFormat format, double at)
    {
        // The picture's brightness grows 20 luma steps a second, so a frame's brightness tells its time.
        var source = Path.Combine(_work, "ramp.mp4");
        Run(
            $"-f lavfi -i color=c=black:s=640x360:r=25:d=8 -vf geq=lum=20*T:cb=128:cr=128 -c:v libx264 -preset "
                + $"ultrafast -pix_fmt yuv420p {source}"
        );
        var output = Path.Combine(_work, "out");
        var options = new FfmpegOptions { Preset = "ultrafast", SegmentFormat = format };
        await new VideoTranscoder(options).TranscodeAsync(source, output, null, null, default);

        var made = await new MediaEdits(options).ExtractFrameAsync(
            Path.Combine(output, "360p", "index.m3u8"),
            at,
            8,
            640,
            360,
            [(1280, 720, Path.Combine(_work, "large.jpg")), (320, 180, Path.Combine(_work, "small.jpg"))],
            default
        );

        Assert.Equal([(640, 360), (320, 180)], made.Select(m => (m.Width, m.Height)));
        var expected = ((20 * at) - 16) * 255 / 219;
        foreach (var (_, _, path) in made)
        {
            Assert.InRange(Luma(path), expected - 8, expected + 8);
        }
    }

    private static double Luma(string image)
    {
        var output = Run(
            $"-v error -f lavfi -i movie={image},signalstats -show_entries frame_tags=lavfi.signalstats.YAVG "
                + "-of csv=p=0",
            "ffprobe"
        );
        return double.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }

    private static string Run(string arguments, string program = "ffmpeg")
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (
            var argument in (program == "ffmpeg" ? "-hide_banner -loglevel error -y " + arguments : arguments).Split(
                ' '
            )
        )
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        return text;
    }
}
