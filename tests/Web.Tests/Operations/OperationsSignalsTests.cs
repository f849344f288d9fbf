using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using StreamEngine.Infrastructure.Telemetry;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;
using StreamEngine.Web.Tests.Videos;

namespace StreamEngine.Web.Tests.Operations;

/// <summary>What an operator sees: one upload moves the upload, job, encode, event and dependency series at
/// <c>/metrics</c>, and one trace follows the video from <c>completeVideoUpload</c> through the worker's job.</summary>
[Collection(nameof(MetricsAlone))]
public sealed class OperationsSignalsTests : IDisposable
{
    private readonly TempDirectory _files = new();

    [Fact]
    public async Task One_upload_moves_the_operators_series_and_one_trace_follows_it_through_the_worker()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == StreamEngineTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var app = StreamEngineApp.With(
            new Dictionary<string, string?>
            {
                ["StreamEngine:Pipeline:Preset"] = "ultrafast",
                ["StreamEngine:Telemetry:SampleInterval"] = "00:00:01",
            }
        );
        var client = app.CreateGraphQLClient();
        client.AccessToken = (await client.SignUpAsync("operator")).AccessToken;
        var before = await client.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        var clip = TestMedia.MakeClip(
            _files.Path,
            "clip.mp4",
            "-f lavfi -i testsrc2=size=640x360:rate=25 -f lavfi -i sine=frequency=440 -t 3 -c:v libx264 -preset "
                + "ultrafast -c:a aac -shortest"
        );
        var id = (await client.UploadAsync(clip))["id"]!.GetValue<string>();
        var settled = await client.WaitUntilSettledAsync(id, TimeSpan.FromMinutes(2));
        // A sample and a health pass after the job.
        // Judged on growth from the first scrape (the tests of MetricsAlone run alone, but servers of earlier tests
        // may not be gone yet); the sampled gauges are checked to exist.
        var after = await PrometheusText.ScrapeUntilAsync(
            client.Http,
            page => Grew(page, "streamengine_encode_speed_count") >= 1,
            TimeSpan.FromSeconds(20)
        );

        double Grew(string page, string name, params string[] labels) =>
            PrometheusText.Value(page, name, labels) - PrometheusText.Value(before, name, labels);

        Assert.Equal("READY", settled["status"]!.GetValue<string>());
        Assert.True(
            Grew(after, "streamengine_uploads_received_bytes_total", "protocol=multipart") >= new FileInfo(clip).Length
        );
        Assert.True(Grew(after, "streamengine_jobs_finished_total", "outcome=succeeded") >= 1);
        Assert.True(Grew(after, "streamengine_jobs_wait_seconds_count") >= 1);
        Assert.True(Grew(after, "streamengine_encode_speed_sum") > 0);
        Assert.True(Grew(after, "streamengine_events_published_total") >= 2); // progress and READY at least
        var names = PrometheusText.Names(after).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(
            names,
            new HashSet<string>(StringComparer.Ordinal)
            {
                "streamengine_jobs_queued",
                "streamengine_jobs_running",
                "streamengine_videos_processing",
                "streamengine_videos_stuck",
                "streamengine_uploads_open",
                "streamengine_dependency_up",
            }
        );
        Assert.Contains("process_cpu_time_seconds_total", after, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total", after, StringComparison.Ordinal);

        // One trace: the mutation's span, the job the worker ran (another task, later), its encode and publish.
        var job = spans.Single(s =>
            s.OperationName == "transcode job" && Equals(s.GetTagItem("streamengine.video.id"), TestIds.Key(id))
        );
        var trace = spans.Where(s => s.TraceId == job.TraceId).ToList();
        Assert.Contains(trace, s => s.DisplayName == "mutation CompleteUpload");
        Assert.Contains(trace, s => s.OperationName == "encode" && s.ParentSpanId == job.SpanId);
        Assert.Contains(trace, s => s.OperationName == "publish" && s.ParentSpanId == job.SpanId);
        Assert.Equal("succeeded", job.GetTagItem("streamengine.job.outcome"));
    }

    [Fact]
    public async Task Traces_go_to_the_configured_otlp_endpoint_with_the_operation_name()
    {
        var received = new ConcurrentQueue<(string Path, string ContentType, byte[] Body)>();
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var collector = builder.Build();
        collector.MapPost(
            "/v1/traces",
            async (Microsoft.AspNetCore.Http.HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                received.Enqueue((context.Request.Path, context.Request.ContentType ?? "", body.ToArray()));
                return Microsoft.AspNetCore.Http.Results.Ok();
            }
        );
        await collector.StartAsync();
        var endpoint = collector.Urls.First();

        var app = StreamEngineApp.With(
            new Dictionary<string, string?> { ["StreamEngine:Telemetry:OtlpEndpoint"] = endpoint }
        );
        await using (app)
        {
            var client = app.CreateGraphQLClient();
            (await client.SendAsync("query OtlpProbe { __typename }")).Ok();
        } // Disposing the host flushes the batch of spans.

        var bodies = received.Select(r => Encoding.UTF8.GetString(r.Body)).ToList();
        Assert.NotEmpty(received);
        Assert.All(received, r => Assert.Equal("application/x-protobuf", r.ContentType));
        Assert.Contains(bodies, b => b.Contains("query OtlpProbe", StringComparison.Ordinal));
        Assert.Contains(bodies, b => b.Contains("streamengine", StringComparison.Ordinal));
        Assert.Contains(bodies, b => b.Contains("graphql.operation.name", StringComparison.Ordinal));
    }

    public void Dispose() => _files.Dispose();
}
