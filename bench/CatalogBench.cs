using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using static StreamEngine.Bench.Table;

namespace StreamEngine.Bench;

/// <summary><c>videos(first: 20)</c> with owner and counts through our GraphQL endpoint on PostgreSQL seeded with
/// 100,000 videos, against the same page fetched by one hand-written SQL query over plain Npgsql and written as JSON
/// by a minimal endpoint, both over loopback HTTP with the same load in the same run.</summary>
internal static partial class CatalogBench
{
    private const int Videos = 100_000;
    private const int Owners = 1_000;
    private const int Concurrency = 8;
    private const int Requests = 3_000;

    // Measured turns of the baseline and of ours, alternating, after both warmed up.
    private const int Rounds = 3;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // Unmeasured load before each row (STREAMENGINE_BENCH_WARMUP_SECONDS).
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(
        int.TryParse(
            Environment.GetEnvironmentVariable("STREAMENGINE_BENCH_WARMUP_SECONDS"),
            CultureInfo.InvariantCulture,
            out var s
        )
            ? s
            : 20
    );

    private const string Query =
        "{ videos(first: 20) { edges { cursor node { id title viewCount likeCount commentCount createdAt owner { "
        + "handle displayName } } } pageInfo { hasNextPage endCursor } } }";

    internal const string Sql = """
        SELECT v."Id", v."Title", v."ViewCount", v."LikeCount", v."CommentCount", v."CreatedAt",
            u."Handle", u."DisplayName"
        FROM videos v JOIN users u ON u."Id" = v."OwnerId"
        WHERE v."Status" = 2 AND v."Visibility" = 0
        ORDER BY v."CreatedAt" DESC, v."Id" DESC
        LIMIT 21
        """;

    public static async Task RunAsync(string repositoryRoot)
    {
        await using var postgres = await BenchPostgres.StartAsync();
        var database = "bench_catalog_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = new NpgsqlConnection(postgres.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(postgres.AdminConnectionString)
        {
            Database = database,
            MaxPoolSize = 32,
        }.ConnectionString;
        using var data = new StreamEngine.TestSupport.TempDirectory();
        await using var server = await BenchServer.StartAsync(
            repositoryRoot,
            data.Path,
            new Dictionary<string, string>
            {
                ["StreamEngine__Database__Provider"] = "Postgres",
                ["StreamEngine__Database__ConnectionString"] = connectionString,
                ["StreamEngine__Database__MigrateOnStartup"] = "true",
                ["StreamEngine__Auth__SigningKey"] = Convert.ToBase64String(
                    System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)
                ),
                ["StreamEngine__RateLimiting__Enabled"] = "false",
            }
        );
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var seeding = Stopwatch.StartNew();
        await SeedAsync(dataSource);
        Console.WriteLine($"Seeded {Videos:N0} videos of {Owners:N0} owners in {seeding.Elapsed.TotalSeconds:0.0} s");

        await using var raw = await CatalogRawEndpoint.StartAsync(dataSource);
        using var http = new HttpClient();
        var graphQLBody = JsonSerializer.Serialize(new { query = Query });
        Task<string> GraphQL() => PostAsync(http, new Uri(server.BaseAddress, "/graphql"), graphQLBody);
        Task<string> Raw() => http.GetStringAsync(raw.Url);

        var same = Ids(await GraphQL()).SequenceEqual(Ids(await Raw()));
        Task<long> allocated() => ServerAllocatedBytesAsync(http, server.BaseAddress);
        double cpu() => BenchServer.CpuMilliseconds(server.ProcessId);

        // The two contenders warm up, then take turns: a shared machine's slow minute falls on both, and each row is
        // the round with the median throughput (a single back-to-back pair moved the ratio between 0.49x and 0.69x).
        await WarmUpAsync(Raw);
        await WarmUpAsync(GraphQL);
        var (baselineRounds, oursRounds) = (new List<Measured>(), new List<Measured>());
        for (var round = 0; round < Rounds; round++)
        {
            baselineRounds.Add(await MeasureAsync("Npgsql, one hand-written query, JSON (baseline)", Raw));
            oursRounds.Add(await MeasureAsync("GraphQL videos(first: 20) { owner, counts }", GraphQL, allocated, cpu));
        }

        var baseline = Median(baselineRounds);
        var ours = Median(oursRounds);
        var idsBody = JsonSerializer.Serialize(new { query = "{ videos(first: 20) { edges { node { id } } } }" });
        var idsOnly = await LoadAsync(
            "  breakdown: GraphQL videos(first: 20) { id } only",
            () => PostAsync(http, new Uri(server.BaseAddress, "/graphql"), idsBody),
            allocated,
            cpu
        );
        var floorBody = JsonSerializer.Serialize(new { query = "{ __typename }" });
        var floor = await LoadAsync(
            "  breakdown: GraphQL { __typename } (no database)",
            () => PostAsync(http, new Uri(server.BaseAddress, "/graphql"), floorBody),
            allocated,
            cpu
        );
        var statement = await InProcessAsync(dataSource);

        Console.WriteLine();
        Console.WriteLine(
            $"Catalog page on PostgreSQL, {Videos:N0} videos ({Concurrency} concurrent clients, "
                + $"{Requests:N0} requests each, loopback HTTP; same 20 videos in both: {(same ? "yes" : "NO")})"
        );
        Console.WriteLine(
            Row(
                Cell("measurement", -52),
                Cell("requests/s", 10),
                Cell("p50 ms", 8),
                Cell("p99 ms", 8),
                Cell("throughput ratio", 16),
                Cell("server bytes/request", 20),
                Cell("server CPU us/request", 21)
            )
        );
        Console.WriteLine(Rule(54, 12, 10, 10, 18, 22, 23));
        foreach (var row in new[] { baseline, ours, idsOnly, floor })
        {
            Console.WriteLine(
                Row(
                    Cell(row.Name, -52),
                    Cell(row.PerSecond, 10, "0"),
                    Cell(row.P50, 8, "0.00"),
                    Cell(row.P99, 8, "0.00"),
                    Cell(row.PerSecond / baseline.PerSecond, 15, "0.00") + "x",
                    row.BytesPerRequest is { } bytes ? Cell(bytes, 20, "N0") : Cell("n/a", 20),
                    row.CpuPerRequest is { } us ? Cell(us, 21, "0") : Cell("n/a", 21)
                )
            );
        }

        Console.WriteLine(
            $"The SQL statement alone, in process: p50 {statement.P50:0.000} ms, p99 {statement.P99:0.000} ms."
        );
        Console.WriteLine(
            $"Throughput ratio in each of the {Rounds} rounds (baseline and ours back to back): "
                + string.Join(
                    ", ",
                    baselineRounds.Zip(oursRounds, (b, o) => (o.PerSecond / b.PerSecond).ToString("0.00x", Inv))
                )
        );
    }

    private static async Task SeedAsync(NpgsqlDataSource dataSource)
    {
        // Owners, then videos spread over them, a minute apart, with counts; one in ten is not public or not READY.
        await using var command = dataSource.CreateCommand(
            $$"""
            INSERT INTO users ("Id", "Email", "Handle", "DisplayName", "CreatedAt", "FailedLoginCount",
                "SubscriberCount", "WatchHistoryPaused")
            SELECT gen_random_uuid(), 'owner' || i || '@bench.example', 'owner_' || i, 'Owner ' || i, now(), 0,
                i % 500, false
            FROM generate_series(1, {{Owners}}) AS i;
            INSERT INTO videos ("Id", "OwnerId", "Title", "Description", "Visibility", "Status", "ProgressPercent",
                "DurationSeconds", "Width", "Height", "SizeBytes", "CreatedAt", "UpdatedAt", "PublishedAt", renditions,
                "ViewCount", "LikeCount", "CommentCount")
            SELECT gen_random_uuid(), owners.ids[1 + i % {{Owners}}], 'Video number ' || i, 'About video ' || i,
                CASE WHEN i % 10 = 0 THEN 2 ELSE 0 END, CASE WHEN i % 20 = 5 THEN 1 ELSE 2 END,
                100, 60, 1280, 720, 10000000,
                now() - make_interval(mins => i), now(), now() - make_interval(mins => i),
                '[{"Name":"720p","Width":1280,"Height":720,"Bandwidth":3000000,"AverageBandwidth":2800000,
                   "Codecs":"avc1.64001f"}]'::jsonb,
                (i * 7919) % 100000, (i * 31) % 5000, (i * 17) % 300
            FROM generate_series(1, {{Videos}}) AS i, (SELECT array_agg("Id") AS ids FROM users) AS owners;
            """
        );
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();

        // The state a catalog is in once autovacuum has seen it: without this, autovacuum woke up on the fresh rows
        // during the first measured row (the baseline's) and its throughput moved by a third from run to run.
        await using var vacuum = dataSource.CreateCommand("VACUUM (ANALYZE) users, videos; CHECKPOINT;");
        vacuum.CommandTimeout = 600;
        await vacuum.ExecuteNonQueryAsync();
    }

    private static async Task<string> PostAsync(HttpClient http, Uri url, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(url, content);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private static List<string> Ids(string json) =>
        [
            .. JsonNode.Parse(json)!["data"]!["videos"]!["edges"]!
                .AsArray()
                .Select(e => e!["node"]!["id"]!.GetValue<string>()),
        ];

    /// <summary>The server's managed heap allocations so far (its /metrics), read after the exporter's cache
    /// lapsed.</summary>
    private static async Task<long> ServerAllocatedBytesAsync(HttpClient http, Uri server)
    {
        await Task.Delay(1500);
        var metrics = await http.GetStringAsync(new Uri(server, "/metrics"));
        var line = metrics
            .Split('\n')
            .First(l => l.StartsWith("dotnet_gc_heap_total_allocated_bytes_total", StringComparison.Ordinal));
        return (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    private static async Task<(double P50, double P99)> InProcessAsync(NpgsqlDataSource dataSource)
    {
        var times = new double[1000];
        for (var i = 0; i < times.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await CatalogRawEndpoint.PageJsonAsync(dataSource, CancellationToken.None);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return (times[500], times[990]);
    }
}
