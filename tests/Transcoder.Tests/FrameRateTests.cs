using System.Globalization;

namespace StreamEngine.Transcoder.Tests;

/// <summary>NTSC-family rates stay exact through the ladder (no frame repeated or dropped), rates above 60 are halved,
/// and only variable-rate sources are made constant.</summary>
public sealed class FrameRateTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("streamengine-fps-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Theory]
    [InlineData("30000/1001", 29.97, "30000/1001")]
    [InlineData("24000/1001", 23.976, "24000/1001")]
    [InlineData("60000/1001", 59.94, "60000/1001")]
    [InlineData("25/1", 25.0, "25")]
    [InlineData("120/1", 120.0, "60")]
    [InlineData("120000/1001", 119.88, "60000/1001")]
    [InlineData("240/1", 240.0, "60")]
    public void A_constant_rate_is_kept_exactly_and_halved_while_above_60(string probed, double average, string target)
    {
        Assert.Equal(target, FrameRate.Target(FrameRate.Parse(probed), average).ToString());
    }

    [Fact]
    public void A_variable_rate_becomes_its_average_rounded_and_nonsense_becomes_30()
    {
        Assert.Equal("17", FrameRate.Target(null, 17.2).ToString());
        Assert.Equal("60", FrameRate.Target(null, 87.0).ToString());
        Assert.Equal("30", FrameRate.Target(null, 0).ToString());
        Assert.Null(FrameRate.Parse("0/0"));
        Assert.Null(FrameRate.Parse("abc"));
    }

    [Theory]
    [InlineData("30000/1001")]
    [InlineData("24000/1001")]
    [InlineData("60000/1001")]
    public async Task The_ladder_keeps_the_source_rate_and_frame_count(string rate)
    {
        var source = Path.Combine(_work, "source.mp4");
        Run(
            "ffmpeg",
            $"-hide_banner -loglevel error -y -f lavfi -i testsrc2=size=640x360:rate={rate} -t 5 -c:v libx264 "
                + $"-preset ultrafast {source}"
        );
        var target = Path.Combine(_work, "out");

        await new VideoTranscoder(new FfmpegOptions { Preset = "ultrafast" }).TranscodeAsync(
            source,
            target,
            null,
            null,
            default
        );

        var output = Path.Combine(target, "360p", "index.m3u8");
        var (sourceRate, sourceFrames) = Frames(source);
        var (outputRate, outputFrames) = Frames(output);
        Assert.Equal(rate, sourceRate);
        Assert.Equal(rate, outputRate);
        Assert.InRange(outputFrames, sourceFrames - 1, sourceFrames + 1);
        var master = await File.ReadAllTextAsync(Path.Combine(target, "master.m3u8"));
        Assert.Contains(
            FormattableString.Invariant($"FRAME-RATE={FrameRate.Parse(rate)!.Value.Value:0.000}"),
            master,
            StringComparison.Ordinal
        );
    }

    private static (string Rate, int Frames) Frames(string path)
    {
        var stream = MediaInspection
            .Probe(
                path,
                "-select_streams",
                "v:0",
                "-count_frames",
                "-show_entries",
                "stream=r_frame_rate,nb_read_frames"
            )
            .GetProperty("streams")[0];
        return (
            stream.GetProperty("r_frame_rate").GetString()!,
            int.Parse(stream.GetProperty("nb_read_frames").GetString()!, CultureInfo.InvariantCulture)
        );
    }

    private static void Run(string program, string arguments)
    {
        using var process = System.Diagnostics.Process.Start(program, arguments);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
