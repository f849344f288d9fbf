using System.Diagnostics;
using System.Globalization;
using StreamEngine.Transcoder;
using static StreamEngine.Bench.Table;

namespace StreamEngine.Bench;

/// <summary>The media features' cost, in one run on the 30 s 1080p source: the ladder before them (audio encoded per
/// rendition, TS segments, no storyboard) against after (audio once, fMP4, storyboard sprite in the same decode),
/// and an AV1 rung against the H.264 rung of the same size (encode time, bytes, PSNR and SSIM against the source
/// scaled to that size; libvmaf is not in Debian's ffmpeg).</summary>
internal static class MediaBench
{
    public static async Task RunAsync()
    {
        var work = Directory.CreateTempSubdirectory("streamengine-media-bench-").FullName;
        try
        {
            var source = Path.Combine(work, "source1080.mp4");
            await FfmpegAsync(
                "-f lavfi -i testsrc2=size=1920x1080:rate=30 -f lavfi -i sine=sample_rate=48000 -t 30 -c:v libx264 "
                    + $"-preset ultrafast -crf 18 -c:a aac -shortest {source}"
            );
            var options = new FfmpegOptions { Preset = "veryfast" };
            var probe = await new MediaProbe(options).ProbeAsync(source, default);
            LadderRung[] rungs = [new("720p", 720, 2800), new("480p", 480, 1400), new("360p", 360, 800)];
            var plan = RenditionLadder.Plan(probe, rungs);

            var before = await Measure.RunAsync(
                "before: audio per rendition, TS, no storyboard",
                0,
                3,
                () => BeforeAsync(work, source, probe, plan)
            );
            var after = await Measure.RunAsync(
                "after: audio once, fMP4, storyboard sprite",
                0,
                3,
                () => AfterAsync(work, source, probe, plan, options)
            );
            var afterTs = await Measure.RunAsync(
                "after, TS segments",
                0,
                3,
                () => AfterAsync(work, source, probe, plan, new FfmpegOptions { SegmentFormat = SegmentFormat.Ts })
            );
            Measure.Print(
                "Ladder of a 30 s 1080p source into 720p/480p/360p (baseline: before)",
                before,
                after,
                afterTs
            );
            await CodecsAsync(work, source, probe);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The ladder as it was: every rendition with its own AAC encode, TS segments, no storyboard.</summary>
    private static async Task BeforeAsync(
        string work,
        string source,
        ProbeResult probe,
        IReadOnlyList<PlannedRendition> plan
    )
    {
        var output = Path.Combine(work, "before-" + Guid.NewGuid().ToString("N"));
        var options = new FfmpegOptions { SegmentFormat = SegmentFormat.Ts };
        var arguments = new HlsLadderEncoder(options)
            .BuildArguments(source, probe, new EncodeJob(plan, false, null), output)
            .ToList();
        for (var i = 0; i < plan.Count; i++)
        {
            // Each rendition's "-an" becomes its own audio encode, as before the shared audio rendition.
            var at = arguments.FindIndex(a => a == "-an");
            arguments.RemoveAt(at);
            arguments.InsertRange(at, ["-map", "0:a:0", "-c:a", "aac", "-b:a", "128k", "-ac", "2", "-ar", "48000"]);
        }

        foreach (var rendition in plan)
        {
            Directory.CreateDirectory(Path.Combine(output, rendition.Name));
        }

        await RunAsync("ffmpeg", arguments);
        Directory.Delete(output, true);
    }

    private static async Task AfterAsync(
        string work,
        string source,
        ProbeResult probe,
        IReadOnlyList<PlannedRendition> plan,
        FfmpegOptions options
    )
    {
        var output = Path.Combine(work, "after-" + Guid.NewGuid().ToString("N"));
        await new HlsLadderEncoder(options).EncodeAsync(
            source,
            probe,
            EncodeJob.Everything(probe, plan),
            output,
            null,
            default
        );
        Directory.Delete(output, true);
    }

    private static async Task CodecsAsync(string work, string source, ProbeResult probe)
    {
        var options = new FfmpegOptions { Preset = "veryfast", Av1Preset = 10 };
        var reference = Path.Combine(work, "reference720.y4m");
        await FfmpegAsync($"-i {source} -vf scale=1280:720:flags=bicubic -pix_fmt yuv420p {reference}");
        Console.WriteLine();
        Console.WriteLine("One 720p rung of the same source: H.264 against AV1 (PSNR/SSIM against the source at 720p)");
        Console.WriteLine(
            Row(
                Cell("rendition", -30),
                Cell("kbps asked", 11),
                Cell("encode s", 10),
                Cell("MB", 8),
                Cell("PSNR dB", 9),
                Cell("SSIM", 8)
            )
        );
        Console.WriteLine(Rule(32, 13, 12, 10, 11, 10));
        foreach (
            var (name, rung) in new[]
            {
                ("H.264 720p (x264 veryfast)", new PlannedRendition("720p", 1280, 720, 2800)),
                ("AV1 720p (SVT-AV1 preset 10)", new PlannedRendition("720p-av1", 1280, 720, 1400, VideoCodec.Av1)),
            }
        )
        {
            var output = Path.Combine(work, "codec-" + rung.Name);
            var stopwatch = Stopwatch.StartNew();
            await new HlsLadderEncoder(options).EncodeAsync(
                source,
                probe,
                new EncodeJob([rung], false, null),
                output,
                null,
                default
            );
            var seconds = stopwatch.Elapsed.TotalSeconds;
            var bytes = Directory.GetFiles(Path.Combine(output, rung.Name)).Sum(f => new FileInfo(f).Length);
            var (psnr, ssim) = await QualityAsync(Path.Combine(output, rung.Name, "index.m3u8"), reference);
            Console.WriteLine(
                Row(
                    Cell(name, -30),
                    Cell(rung.VideoKbps, 11),
                    Cell(seconds, 10, "0.0"),
                    Cell(bytes / 1048576.0, 8, "0.00"),
                    Cell(psnr, 9, "0.00"),
                    Cell(ssim, 8, "0.0000")
                )
            );
        }
    }

    private static async Task<(double Psnr, double Ssim)> QualityAsync(string playlist, string reference)
    {
        var result = await ProcessRunner.RunAsync(
            "ffmpeg",
            [
                "-hide_banner",
                "-nostats",
                "-protocol_whitelist",
                "file",
                "-i",
                "file:" + playlist,
                "-i",
                reference,
                "-lavfi",
                "[0:v][1:v]psnr;[0:v][1:v]ssim",
                "-f",
                "null",
                "-",
            ],
            TimeSpan.FromMinutes(10),
            null,
            default
        );
        double Find(string key)
        {
            var line = result.ErrorTail.Split('\n').LastOrDefault(l => l.Contains(key, StringComparison.Ordinal)) ?? "";
            var at = line.IndexOf(key, StringComparison.Ordinal);
            var value =
                at < 0
                    ? ""
                    : new string(line[(at + key.Length)..].TakeWhile(c => char.IsDigit(c) || c == '.').ToArray());
            return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? number
                : double.NaN;
        }

        return (Find("average:"), Find("All:"));
    }

    private static Task FfmpegAsync(string arguments) =>
        RunAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", .. arguments.Split(' ')]);

    private static async Task RunAsync(string program, IEnumerable<string> arguments)
    {
        var result = await ProcessRunner.RunAsync(program, arguments, TimeSpan.FromMinutes(20), null, default);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed: {result.ErrorTail}");
        }
    }
}
