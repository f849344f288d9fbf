using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StreamEngine.Transcoder;

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
        await RunAsync("ffmpeg", $"-hide_banner -loglevel error -y -f lavfi -i testsrc2=size=1920x1080:rate=30 -f lavfi -i sine=sample_rate=48000 -t 30 -c:v libx264 -preset ultrafast -crf 18 -c:a aac -shortest {source}");
        var options = new FfmpegOptions { Preset = "veryfast" };
        var probe = await new MediaProbe(options).ProbeAsync(source, default);
        LadderRung[] rungs = [new("720p", 720, 2800), new("480p", 480, 1400), new("360p", 360, 800)];
        var plan = RenditionLadder.Plan(probe, rungs);
        var encoder = new HlsLadderEncoder(options);

        var ours = await Measure.RunAsync("one ffmpeg: decode once, 3 renditions (ours)", 0, 3, async () =>
        {
            var output = Path.Combine(work, "ours-" + Guid.NewGuid().ToString("N"));
            await encoder.EncodeAsync(source, probe, plan, output, null, default);
            Directory.Delete(output, true);
        });

        // A per-rendition pipeline: each rendition is its own ffmpeg run (its own decode), same settings.
        async Task PerRendition(bool parallel)
        {
            var output = Path.Combine(work, "separate-" + Guid.NewGuid().ToString("N"));
            var runs = plan.Select(rendition => (Func<Task>)(() => encoder.EncodeAsync(source, probe, [rendition], output, null, default)));
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

        var sequential = await Measure.RunAsync("3 ffmpeg processes, one per rendition, one after another", 0, 3, () => PerRendition(false));
        var parallel = await Measure.RunAsync("3 ffmpeg processes, one per rendition, all at once", 0, 3, () => PerRendition(true));
        Measure.Print("HLS ladder of a 30 s 1080p source into 720p/480p/360p, x264 veryfast (baseline: ours)", ours, sequential, parallel);
    }

    private static async Task IngestAsync(string repositoryRoot, string work)
    {
        const long size = 1L << 30;
        var port = FreePort();
        var data = Path.Combine(work, "server-data");
        var web = Path.Combine(repositoryRoot, "src", "Web");
        var dll = Path.Combine(web, "bin", "Release", "net10.0", "StreamEngine.Web.dll");
        if (!File.Exists(dll))
        {
            await RunAsync("dotnet", $"build {web} -c Release -nologo -v q");
        }

        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = web };
        foreach (var argument in new[] { dll, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", web })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["StreamEngine__DataDirectory"] = data;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var server = Process.Start(start)!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(10) };
            for (var i = 0; i < 100 && !await LiveAsync(http); i++)
            {
                await Task.Delay(200);
            }

            var idle = Rss(server.Id);
            var token = (await GraphQLAsync(http, null, "mutation { register(input: { email: \"bench@example.com\", password: \"violet-harbour-29\", handle: \"bench\", displayName: \"Bench\" }) { accessToken } }"))["register"]!["accessToken"]!.GetValue<string>();
            var created = (await GraphQLAsync(http, token,
                $"mutation {{ createVideoUpload(input: {{ title: \"big\", fileName: \"big.mp4\", contentType: \"video/mp4\", sizeBytes: {size} }}) {{ upload {{ id partSizeBytes parts {{ partNumber url }} }} errors {{ code }} }} }}"))["createVideoUpload"]!["upload"]!;
            var partSize = created["partSizeBytes"]!.GetValue<long>();
            var stopwatch = Stopwatch.StartNew();
            var peakDuringUpload = 0L;
            var parts = new List<object>();
            foreach (var part in created["parts"]!.AsArray())
            {
                var number = part!["partNumber"]!.GetValue<int>();
                var length = Math.Min(partSize, size - ((number - 1) * partSize));
                using var response = await http.PutAsync(part["url"]!.GetValue<string>(), new PatternContent(length));
                response.EnsureSuccessStatusCode();
                parts.Add(new { partNumber = number, etag = response.Headers.ETag!.Tag });
                peakDuringUpload = Math.Max(peakDuringUpload, Rss(server.Id));
            }

            var uploadSeconds = stopwatch.Elapsed.TotalSeconds;
            stopwatch.Restart();
            var completed = await GraphQLAsync(http, token, "mutation($i: CompleteVideoUploadInput!) { completeVideoUpload(input: $i) { video { status failureReason } errors { code } } }",
                new { i = new { uploadId = created["id"]!.GetValue<string>(), parts } });
            var completeSeconds = stopwatch.Elapsed.TotalSeconds;
            var hwm = PeakRss(server.Id);

            Console.WriteLine();
            Console.WriteLine($"Server memory while it ingests a 1 GiB upload ({partSize / 1048576} MiB parts over HTTP, then assembly and validation)");
            Console.WriteLine($"| {"measurement",-58} | {"value",14} |");
            Console.WriteLine($"|{new string('-', 60)}|{new string('-', 16)}|");
            Console.WriteLine($"| {"RSS idle after start (MB)",-58} | {idle / 1048576.0,14:0.0} |");
            Console.WriteLine($"| {"highest RSS sampled between parts (MB)",-58} | {peakDuringUpload / 1048576.0,14:0.0} |");
            Console.WriteLine($"| {"peak RSS of the whole run, VmHWM (MB; target < 200)",-58} | {hwm / 1048576.0,14:0.0} |");
            Console.WriteLine($"| {"upload throughput (MB/s)",-58} | {size / 1048576.0 / uploadSeconds,14:0.0} |");
            Console.WriteLine($"| {"completion: assemble 1 GiB + ffprobe (s)",-58} | {completeSeconds,14:0.00} |");
            Console.WriteLine($"| {"outcome (a pattern, not a video: refused as it should be)",-58} | {completed["completeVideoUpload"]!["video"]!["status"]!.GetValue<string>(),14} |");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static async Task<bool> LiveAsync(HttpClient http)
    {
        try
        {
            return (await http.GetAsync("/health/live")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<JsonNode> GraphQLAsync(HttpClient http, string? token, string query, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["data"] ?? throw new InvalidOperationException(body.ToJsonString());
    }

    private static long Rss(int pid) => StatusValue(pid, "VmRSS:");

    private static long PeakRss(int pid) => StatusValue(pid, "VmHWM:");

    private static long StatusValue(int pid, string key)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(key, StringComparison.Ordinal));
        return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, string arguments)
    {
        var result = await ProcessRunner.RunAsync(program, arguments.Split(' '), TimeSpan.FromMinutes(10), null, default);
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
            for (var remaining = length; remaining > 0;)
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
