using System.Diagnostics;
using StreamEngine.Transcoder;
using static StreamEngine.Bench.Table;

namespace StreamEngine.Bench;

/// <summary>The upload slice's targets: our one-decode ladder against one ffmpeg process per rendition, and the
/// server's peak memory while it ingests a 1 GiB upload.</summary>
internal static class VideoBench
{
    public static async Task RunAsync(string repositoryRoot)
    {
        var work = Directory.CreateTempSubdirectory("streamengine-bench-").FullName;
        try
        {
            await LadderAsync(work);
            await IngestAsync(repositoryRoot, work);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task LadderAsync(string work)
    {
        var source = Path.Combine(work, "source1080.mp4");
        await RunAsync(
            "ffmpeg",
            "-hide_banner -loglevel error -y -f lavfi -i testsrc2=size=1920x1080:rate=30 -f lavfi -i "
                + $"sine=sample_rate=48000 -t 30 -c:v libx264 -preset ultrafast -crf 18 -c:a aac -shortest {source}"
        );
        var options = new FfmpegOptions { Preset = "veryfast" };
        var probe = await new MediaProbe(options).ProbeAsync(source, default);
        LadderRung[] rungs = [new("720p", 720, 2800), new("480p", 480, 1400), new("360p", 360, 800)];
        var plan = RenditionLadder.Plan(probe, rungs);
        var encoder = new HlsLadderEncoder(options);

        var ours = await Measure.RunAsync(
            "one ffmpeg: decode once, 3 renditions (ours)",
            0,
            3,
            async () =>
            {
                var output = Path.Combine(work, "ours-" + Guid.NewGuid().ToString("N"));
                await encoder.EncodeAsync(source, probe, EncodeJob.Everything(probe, plan), output, null, default);
                Directory.Delete(output, true);
            }
        );

        // A per-rendition pipeline: each rendition is its own ffmpeg run (its own decode), same settings.
        async Task PerRendition(bool parallel)
        {
            var output = Path.Combine(work, "separate-" + Guid.NewGuid().ToString("N"));
            var runs = plan.Select(rendition =>
                (Func<Task>)(
                    () =>
                        encoder.EncodeAsync(
                            source,
                            probe,
                            new EncodeJob([rendition], true, null),
                            output,
                            null,
                            default
                        )
                )
            );
            if (parallel)
            {
                await Task.WhenAll(runs.Select(r => r()));
            }
            else
            {
                foreach (var run in runs)
                {
                    await run();
                }
            }

            Directory.Delete(output, true);
        }

        var sequential = await Measure.RunAsync(
            "3 ffmpeg processes, one per rendition, one after another",
            0,
            3,
            () => PerRendition(false)
        );
        var parallel = await Measure.RunAsync(
            "3 ffmpeg processes, one per rendition, all at once",
            0,
            3,
            () => PerRendition(true)
        );
        Measure.Print(
            "HLS ladder of a 30 s 1080p source into 720p/480p/360p, x264 veryfast (baseline: ours)",
            ours,
            sequential,
            parallel
        );
    }

    private static async Task IngestAsync(string repositoryRoot, string work)
    {
        const long size = 1L << 30;
        await using var server = await BenchServer.StartAsync(repositoryRoot, Path.Combine(work, "server-data"));
        var idle = server.Rss();
        var token = await server.RegisterAsync("bench");
        var created = (
            await server.GraphQLAsync(
                token,
                "mutation { createVideoUpload(input: { title: \"big\", fileName: \"big.mp4\", contentType: "
                    + $"\"video/mp4\", sizeBytes: {size} }}) "
                    + "{ upload { id partSizeBytes parts { partNumber url } } errors { code } } }"
            )
        )["createVideoUpload"]!["upload"]!;
        var partSize = created["partSizeBytes"]!.GetValue<long>();
        var stopwatch = Stopwatch.StartNew();
        var peakDuringUpload = 0L;
        var parts = new List<object>();
        foreach (var part in created["parts"]!.AsArray())
        {
            var number = part!["partNumber"]!.GetValue<int>();
            var length = Math.Min(partSize, size - ((number - 1) * partSize));
            using var response = await server.Http.PutAsync(
                part["url"]!.GetValue<string>(),
                new PatternContent(length)
            );
            response.EnsureSuccessStatusCode();
            parts.Add(new { partNumber = number, etag = response.Headers.ETag!.Tag });
            peakDuringUpload = Math.Max(peakDuringUpload, server.Rss());
        }

        var uploadSeconds = stopwatch.Elapsed.TotalSeconds;
        stopwatch.Restart();
        var completed = await server.GraphQLAsync(
            token,
            "mutation($i: CompleteVideoUploadInput!) { completeVideoUpload(input: $i) { video { status "
                + "failureReason } errors { code } } }",
            new { i = new { uploadId = created["id"]!.GetValue<string>(), parts } }
        );
        var completeSeconds = stopwatch.Elapsed.TotalSeconds;
        var hwm = server.PeakRss();

        Console.WriteLine();
        Console.WriteLine(
            $"Server memory while it ingests a 1 GiB upload ({partSize / 1048576} MiB parts over HTTP, then "
                + "assembly and validation)"
        );
        Console.WriteLine(Row(Cell("measurement", -58), Cell("value", 14)));
        Console.WriteLine(Rule(60, 16));
        Console.WriteLine(Row(Cell("RSS idle after start (MB)", -58), Cell(idle / 1048576.0, 14, "0.0")));
        Console.WriteLine(
            Row(Cell("highest RSS sampled between parts (MB)", -58), Cell(peakDuringUpload / 1048576.0, 14, "0.0"))
        );
        Console.WriteLine(
            Row(Cell("peak RSS of the whole run, VmHWM (MB; target < 200)", -58), Cell(hwm / 1048576.0, 14, "0.0"))
        );
        Console.WriteLine(
            Row(Cell("upload throughput (MB/s)", -58), Cell(size / 1048576.0 / uploadSeconds, 14, "0.0"))
        );
        Console.WriteLine(
            Row(Cell("completion: assemble 1 GiB + ffprobe (s)", -58), Cell(completeSeconds, 14, "0.00"))
        );
        Console.WriteLine(
            Row(
                Cell("outcome (a pattern, not a video: refused as it should be)", -58),
                Cell(completed["completeVideoUpload"]!["video"]!["status"]!.GetValue<string>(), 14)
            )
        );
    }

    private static async Task RunAsync(string program, string arguments)
    {
        var result = await ProcessRunner.RunAsync(
            program,
            arguments.Split(' '),
            TimeSpan.FromMinutes(10),
            null,
            default
        );
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed: {result.ErrorTail}");
        }
    }

    /// <summary>A part body generated on the fly, so the bench needs no 1 GiB file of its own.</summary>
    private sealed class PatternContent(long length) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var buffer = new byte[81920];
            new Random(42).NextBytes(buffer);
            var remaining = length;
            while (remaining > 0)
            {
                var count = (int)Math.Min(buffer.Length, remaining);
                await stream.WriteAsync(buffer.AsMemory(0, count));
                remaining -= count;
            }
        }

        protected override bool TryComputeLength(out long computed)
        {
            computed = length;
            return true;
        }
    }
}
