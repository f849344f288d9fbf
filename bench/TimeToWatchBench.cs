using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using StreamEngine.Transcoder;
using static StreamEngine.Bench.Table;

namespace StreamEngine.Bench;

/// <summary>Time to watch a long upload (a generated 1080p source, 10 minutes by default), in one run: the single-job
/// encode that is playable while it encodes, the chunked encode on one worker, and the chunked encode on two worker
/// processes (a server and a <c>--worker</c> process sharing PostgreSQL and the data folder). Each configuration
/// starts from a fresh server; the clock starts when <c>completeVideoUpload</c> answers.</summary>
internal static partial class TimeToWatchBench
{
    public static async Task RunAsync(string repositoryRoot, string[] args)
    {
        var seconds = Option(args, "--seconds", 600);
        var chunk = Option(args, "--chunk", 60);
        var work = Directory.CreateTempSubdirectory("streamengine-towatch-").FullName;
        try
        {
            var source = Path.Combine(work, "source.mp4");
            var made = Stopwatch.StartNew();
            var result = await ProcessRunner.RunAsync(
                "ffmpeg",
                [
                    .. "-hide_banner -loglevel error -y -f lavfi -i testsrc2=size=1920x1080:rate=30 -f lavfi -i".Split(
                        ' '
                    ),
                    "sine=frequency=440:sample_rate=48000",
                    "-t",
                    seconds.ToString(CultureInfo.InvariantCulture),
                    .. "-c:v libx264 -preset ultrafast -crf 23 -g 60 -c:a aac -shortest".Split(' '),
                    source,
                ],
                TimeSpan.FromHours(1),
                null,
                default
            );
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException("The source could not be made: " + result.ErrorTail);
            }

            Console.WriteLine();
            Console.WriteLine(
                $"Time to watch a {seconds} s 1080p30 upload ({new FileInfo(source).Length / 1048576.0:0} MB, made in "
                    + $"{made.Elapsed.TotalSeconds:0} s); default ladder and preset; chunks of {chunk} s"
            );
            var runs = new List<Run>
            {
                await RunOnceAsync(repositoryRoot, work, source, "single job, playable while encoding", 0, 1),
                await RunOnceAsync(repositoryRoot, work, source, "chunked, 1 worker", chunk, 1),
                await RunOnceAsync(repositoryRoot, work, source, "chunked, 2 worker processes", chunk, 2),
            };
            Print(runs, seconds);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private sealed record Run(
        string Name,
        double FirstPlayable,
        double Ready,
        List<(int Chunk, double Seconds)> Chunks
    );

    private static async Task<Run> RunOnceAsync(
        string repositoryRoot,
        string work,
        string source,
        string name,
        int chunkSeconds,
        int workers
    )
    {
        var data = Path.Combine(work, "data-" + Guid.NewGuid().ToString("N")[..8]);
        var settings = new Dictionary<string, string>
        {
            ["StreamEngine__Pipeline__ChunkSeconds"] = chunkSeconds.ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__StreamEngine.Infrastructure.Pipelines.LocalTranscodeRunner"] = "Information",
        };
        await using var postgres = workers > 1 ? await BenchPostgres.StartAsync() : null;
        if (postgres is not null)
        {
            await SharePostgresAsync(postgres, settings);
        }

        var servers = new List<BenchServer> { await BenchServer.StartAsync(repositoryRoot, data, settings) };
        try
        {
            for (var i = 1; i < workers; i++)
            {
                servers.Add(
                    await BenchServer.StartAsync(
                        repositoryRoot,
                        data,
                        new Dictionary<string, string>(settings) { ["StreamEngine__Role"] = "Worker" }
                    )
                );
            }

            var api = servers[0];
            var token = await api.RegisterAsync("towatch");
            var id = await UploadAsync(api, token, source);
            var clock = Stopwatch.StartNew();
            double? playable = null;
            while (true)
            {
                var video = (
                    await api.GraphQLAsync(
                        token,
                        "query($id: ID!) { video(id: $id) { status playable failureReason } }",
                        new { id }
                    )
                )["video"]!;
                var status = video["status"]!.GetValue<string>();
                if (playable is null && (video["playable"]!.GetValue<bool>() || status == "READY"))
                {
                    playable = clock.Elapsed.TotalSeconds;
                }

                if (status is "READY" or "FAILED")
                {
                    if (status == "FAILED")
                    {
                        throw new InvalidOperationException(
                            $"{name}: the video failed: {video["failureReason"]}\n"
                                + string.Join("\n", servers.SelectMany(s => s.RecentOutput))
                        );
                    }

                    break;
                }

                await Task.Delay(250);
            }

            var ready = clock.Elapsed.TotalSeconds;
            var chunks = servers
                .SelectMany(s => s.Kept)
                .Select(l => ChunkLine().Match(l))
                .Where(m => m.Success)
                .Select(m =>
                    (
                        int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
                        double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)
                    )
                )
                .OrderBy(c => c.Item1)
                .ToList();
            Console.WriteLine($"  {name}: first playable {playable:0.0} s, READY {ready:0.0} s");
            return new Run(name, playable ?? ready, ready, chunks);
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static void Print(List<Run> runs, int seconds)
    {
        var baseline = runs[0].Ready;
        Console.WriteLine(
            Row(
                Cell("configuration", -36),
                Cell("first playable (s)", 18),
                Cell("READY (s)", 10),
                Cell("x real time", 11),
                Cell("READY vs single", 15)
            )
        );
        Console.WriteLine(Rule(38, 20, 12, 13, 17));
        foreach (var run in runs)
        {
            Console.WriteLine(
                Row(
                    Cell(run.Name, -36),
                    Cell(run.FirstPlayable, 18, "0.0"),
                    Cell(run.Ready, 10, "0.0"),
                    Cell(seconds / run.Ready, 11, "0.00"),
                    Cell(baseline / run.Ready, 14, "0.00") + "x"
                )
            );
        }

        foreach (var run in runs.Where(r => r.Chunks.Count > 0))
        {
            Console.WriteLine();
            Console.WriteLine(
                $"Per-chunk encode times, {run.Name} (s): "
                    + string.Join(", ", run.Chunks.Select(c => $"#{c.Chunk} {c.Seconds:0.0}"))
                    + $"; sum {run.Chunks.Sum(c => c.Seconds):0.0}"
            );
        }
    }

    /// <summary>Two processes need one database: a PostgreSQL of the bench's own (the default SQLite is one process's).
    /// </summary>
    private static async Task SharePostgresAsync(BenchPostgres postgres, Dictionary<string, string> settings)
    {
        var database = "towatch_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(postgres.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        settings["StreamEngine__Database__Provider"] = "Postgres";
        settings["StreamEngine__Database__ConnectionString"] = new NpgsqlConnectionStringBuilder(
            postgres.AdminConnectionString
        )
        {
            Database = database,
        }.ConnectionString;
        settings["StreamEngine__Database__MigrateOnStartup"] = "true";
        settings["StreamEngine__Auth__SigningKey"] = Convert.ToBase64String(
            System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)
        );
    }

    private static async Task<string> UploadAsync(BenchServer server, string token, string file)
    {
        var size = new FileInfo(file).Length;
        var created = (
            await server.GraphQLAsync(
                token,
                "mutation($size: Long!) { createVideoUpload(input: { title: \"long\", fileName: \"long.mp4\", "
                    + "contentType: \"video/mp4\", sizeBytes: $size }) "
                    + "{ video { id } upload { id partSizeBytes parts { partNumber url } } errors { code } } }",
                new { size }
            )
        )["createVideoUpload"]!;
        var upload = created["upload"]!;
        var partSize = upload["partSizeBytes"]!.GetValue<long>();
        var parts = new List<object>();
        await using var stream = File.OpenRead(file);
        foreach (var part in upload["parts"]!.AsArray())
        {
            var number = part!["partNumber"]!.GetValue<int>();
            var buffer = new byte[Math.Min(partSize, size - ((number - 1) * partSize))];
            await stream.ReadExactlyAsync(buffer);
            using var response = await server.Http.PutAsync(
                part["url"]!.GetValue<string>(),
                new ByteArrayContent(buffer)
            );
            response.EnsureSuccessStatusCode();
            parts.Add(new { partNumber = number, etag = response.Headers.ETag!.Tag });
        }

        var completed = await server.GraphQLAsync(
            token,
            "mutation($i: CompleteVideoUploadInput!) { completeVideoUpload(input: $i) "
                + "{ video { status } errors { code } } }",
            new { i = new { uploadId = upload["id"]!.GetValue<string>(), parts } }
        );
        var status = completed["completeVideoUpload"]!["video"]?["status"]?.GetValue<string>();
        if (status != "PROCESSING")
        {
            throw new InvalidOperationException("The upload was not accepted: " + completed.ToJsonString());
        }

        return created["video"]!["id"]!.GetValue<string>();
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    [GeneratedRegex(@"chunk (\d+) of \d+ \([\d.]+-[\d.]+ s\) encoded in ([\d.]+) s")]
    private static partial Regex ChunkLine();
}
