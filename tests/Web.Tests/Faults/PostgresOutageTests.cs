using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Persistence;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;
using StreamEngine.Web.Tests.Videos;

namespace StreamEngine.Web.Tests.Faults;

/// <summary>Fault 3: PostgreSQL (a server of the test's own) stopped for 20 seconds under traffic while a job is in
/// the middle of its encode. Requests fail fast with a coded 503, readiness and the dependency gauge go red, the worker
/// pauses; after the restart everything resumes without restarting our server, and the job ends READY once.</summary>
[Collection(nameof(Operations.MetricsAlone))]
public sealed class PostgresOutageTests : IDisposable
{
    private readonly TempDirectory _files = new();

    [Fact]
    public async Task Requests_answer_503_while_postgres_is_down_and_everything_resumes_after_without_a_restart()
    {
        await using var postgres = await OwnedPostgres.StartNewAsync();
        var gate = Path.Combine(_files.Path, "gate-open");
        await File.WriteAllTextAsync(gate, "");
        await using var app = StreamEngineApp.With(
            new Dictionary<string, string?>
            {
                ["StreamEngine:PublicBaseUrl"] = "http://localhost",
                ["StreamEngine:Database:Provider"] = "Postgres",
                ["StreamEngine:Database:ConnectionString"] = postgres.ConnectionString,
                ["StreamEngine:Auth:SigningKey"] = Convert.ToBase64String(
                    new byte[32]
                        .Select((_, i) => (byte)i)
                        .ToArray()
                ),
                ["StreamEngine:Pipeline:Preset"] = "ultrafast",
                ["StreamEngine:Pipeline:PollInterval"] = "00:00:00.300",
                ["StreamEngine:Pipeline:LeaseDuration"] = "00:00:06",
                ["StreamEngine:Pipeline:FfmpegPath"] = Held.GatedFfmpeg(_files.Path, gate),
                ["StreamEngine:Telemetry:SampleInterval"] = "00:00:01",
            }
        );
        var client = app.CreateGraphQLClient();
        client.AccessToken = (await client.SignUpAsync("outage")).AccessToken;
        var ready = (await client.UploadAsync(Clip("a")))["id"]!.GetValue<string>();
        await client.WaitUntilSettledAsync(ready, TimeSpan.FromMinutes(2));

        // A second video's encode is held at the gate; PostgreSQL stops while it works.
        File.Delete(gate);
        var held = (await client.UploadAsync(Clip("b")))["id"]!.GetValue<string>();
        await WaitForRunningJobAsync(app, TestIds.Key(held));
        postgres.Stop();
        await File.WriteAllTextAsync(gate, ""); // the encode ends while the database is away

        var answers = new List<(string What, HttpStatusCode Status, string? Code, TimeSpan Took, bool RetryAfter)>();
        string? metricsDuring = null;
        var outage = Stopwatch.StartNew();
        while (outage.Elapsed < TimeSpan.FromSeconds(20))
        {
            answers.Add(await TimedAsync("graphql", () => client.Http.PostAsync("/graphql", Query(ready))));
            answers.Add(await TimedAsync("tus HEAD", () => client.Http.SendAsync(TusHead(client.AccessToken!))));
            answers.Add(await TimedAsync("ready", () => client.Http.GetAsync("/health/ready")));
            metricsDuring = await client.Http.GetStringAsync("/metrics");
            await Task.Delay(500);
        }

        await postgres.StartAsync();
        var settled = await client.WaitUntilSettledAsync(held, TimeSpan.FromMinutes(2));
        using var readyAfter = await client.Http.GetAsync("/health/ready");
        var after = await client.Http.PostAsync("/graphql", Query(ready));
        await using var scope = app.Services.CreateAsyncScope();
        var jobs = await scope
            .ServiceProvider.GetRequiredService<AppDbContext>()
            .TranscodeJobs.Where(j => j.VideoId == TestIds.Key(held))
            .ToListAsync();

        Assert.All(
            answers.Where(a => a.What != "ready"),
            a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a.Status)
        );
        Assert.All(answers.Where(a => a.What != "ready"), a => Assert.Equal("DATABASE_UNAVAILABLE", a.Code));
        Assert.All(answers.Where(a => a.What != "ready"), a => Assert.True(a.RetryAfter, a.What));
        Assert.All(
            answers.Where(a => a.What == "ready"),
            a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a.Status)
        );
        Assert.All(answers, a => Assert.True(a.Took < TimeSpan.FromSeconds(10), $"{a.What} took {a.Took}"));
        Assert.True(answers.Count >= 15, $"{answers.Count} answers");
        Assert.Equal(0, PrometheusText.Value(metricsDuring!, "streamengine_dependency_up", "dependency=database"));
        Assert.Contains(app.Logs.Lines, l => l.Contains("worker pauses", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, l => l.Contains("worker resumes", StringComparison.Ordinal));

        Assert.Equal("READY", settled["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, readyAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var job = Assert.Single(jobs);
        Assert.Equal(TranscodeJobState.Succeeded, job.State);
    }

    private static async Task<(string, HttpStatusCode, string?, TimeSpan, bool)> TimedAsync(
        string what,
        Func<Task<HttpResponseMessage>> send
    )
    {
        var started = Stopwatch.StartNew();
        using var response = await send();
        var body = await response.Content.ReadAsStringAsync();
        string? code = null;
        if (body.StartsWith('{'))
        {
            var json = JsonNode.Parse(body)!;
            code = json["code"]?.GetValue<string>() ?? json["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();
        }

        return (what, response.StatusCode, code, started.Elapsed, response.Headers.RetryAfter is not null);
    }

    private static StringContent Query(string videoId) =>
        new(
            new JsonObject
            {
                ["query"] = "query Watch($id: ID!) { video(id: $id) { id status } }",
                ["variables"] = new JsonObject { ["id"] = videoId },
            }.ToJsonString(),
            System.Text.Encoding.UTF8,
            "application/json"
        );

    private static HttpRequestMessage TusHead(string accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Head, $"/uploads/tus/{Guid.NewGuid()}");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        return request;
    }

    private static async Task WaitForRunningJobAsync(StreamEngineApp app, Guid videoId)
    {
        for (var i = 0; i < 300; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await db.TranscodeJobs.AnyAsync(j => j.VideoId == videoId && j.State == TranscodeJobState.Running))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The job never started.");
    }

    private string Clip(string name) => TestMedia.TinyClip(_files.Path, name);

    public void Dispose() => _files.Dispose();
}
