using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;
using StreamEngine.Web.Tests.Videos;

namespace StreamEngine.Web.Tests.Pipelines;

/// <summary>Workers anywhere: two server processes and one worker-only process (<c>StreamEngine:Role=Worker</c>, what
/// <c>scripts/run.sh --worker</c> runs) on one PostgreSQL database and one data folder share the job queue; every
/// job is done once, the worker does its share, serves no API, and every instance shows the live workers.</summary>
public sealed class WorkerProcessTests : IDisposable
{
    private const int Videos = 6;
    private readonly TempDirectory _files = new();
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Two_servers_and_a_worker_process_share_the_queue_and_no_job_is_done_twice()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var settings = database.ServerSettings();
        settings["StreamEngine:DataDirectory"] = _data.Path;
        settings["StreamEngine:Videos:MinPartSizeBytes"] = "262144";
        settings["StreamEngine:Pipeline:Preset"] = "ultrafast";
        settings["StreamEngine:Pipeline:PollInterval"] = "00:00:00.300";
        settings["StreamEngine:Telemetry:SampleInterval"] = "00:00:01";
        await using var serverA = await ServerProcess.StartAsync(settings);
        await using var serverB = await ServerProcess.StartAsync(settings);
        await using var worker = await ServerProcess.StartAsync(
            new Dictionary<string, string?>(settings) { ["StreamEngine:Role"] = "Worker" }
        );
        var onA = new GraphQLClient(new HttpClient { BaseAddress = serverA.BaseAddress });
        var token = (await onA.SignUpAsync("shared_queue")).AccessToken;
        onA.AccessToken = token;
        var onB = new GraphQLClient(new HttpClient { BaseAddress = serverB.BaseAddress }) { AccessToken = token };

        // Uploaded through both servers at once, so the three workers find jobs waiting together.
        var ids = await Task.WhenAll(
            Enumerable
                .Range(0, Videos)
                .Select(async i =>
                    (await (i % 2 == 0 ? onA : onB).UploadAsync(Clip($"v{i}")))["id"]!.GetValue<string>()
                )
        );
        foreach (var id in ids)
        {
            var settled = await onA.WaitUntilSettledAsync(id, TimeSpan.FromMinutes(3));
            Assert.Equal("READY", settled["status"]!.GetValue<string>());
        }

        // Every job ran once: one attempt each, and the three processes' encode counts add up to the videos.
        Assert.All(await AttemptsAsync(database), attempts => Assert.Equal(1, attempts));
        var done = new List<double>();
        foreach (var process in (ServerProcess[])[serverA, serverB, worker])
        {
            done.Add(await SeriesAsync(process, "streamengine_jobs_finished_total{", "outcome=\"succeeded\""));
        }

        Assert.Equal(Videos, done.Sum());
        Assert.True(done[2] >= 1, $"the worker process did none of the jobs: {string.Join(", ", done)}");

        // The worker serves no API; every instance shows the three live workers.
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };
        using var graphQL = await http.GetAsync(new Uri("/graphql?query={__typename}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, graphQL.StatusCode);
        var ready = JsonNode.Parse(await http.GetStringAsync(new Uri("/health/ready", UriKind.Relative)))!;
        Assert.Equal(3, ready["checks"]!["transcoding"]!["data"]!["workers"]!.GetValue<int>());
        Assert.Equal(3, await SeriesAsync(serverA, "streamengine_workers{", string.Empty));
    }

    private static async Task<double> SeriesAsync(ServerProcess process, string series, string label)
    {
        using var http = new HttpClient { BaseAddress = process.BaseAddress };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            var line = text.Split('\n')
                .FirstOrDefault(l =>
                    l.StartsWith(series, StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal)
                );
            if (line is not null)
            {
                return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }

            Assert.True(DateTime.UtcNow < deadline, $"{series} {label} is not in /metrics");
            await Task.Delay(500);
        }
    }

    private static async Task<List<int>> AttemptsAsync(PostgresTestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"Attempts\" FROM transcode_jobs", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var attempts = new List<int>();
        while (await reader.ReadAsync())
        {
            attempts.Add(reader.GetInt32(0));
        }

        Assert.Equal(Videos, attempts.Count);
        return attempts;
    }

    private string Clip(string name) => TestMedia.TinyClip(_files.Path, name);

    public void Dispose()
    {
        _files.Dispose();
        _data.Dispose();
    }
}
