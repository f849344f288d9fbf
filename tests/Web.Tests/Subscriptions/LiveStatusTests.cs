using System.Text.Json.Nodes;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;
using StreamEngine.Web.Tests.Videos;

namespace StreamEngine.Web.Tests.Subscriptions;

/// <summary>Live transcode status as real clients see it: the graphql-ws npm client over graphql-transport-ws, a
/// legacy subscriptions-transport-ws client, and a subscriber on another instance sharing Redis.</summary>
public sealed class LiveStatusTests : IDisposable
{
    private const string Subscription =
        "subscription($id: ID!) { videoStatusChanged(videoId: $id) { video { id } status progress { stage percent } "
        + "failureReason occurredAt } }";
    private static readonly Dictionary<string, string?> FastPipeline = new()
    {
        ["StreamEngine:Videos:MinPartSizeBytes"] = "262144",
        ["StreamEngine:Pipeline:Preset"] = "ultrafast",
        ["StreamEngine:Pipeline:PollInterval"] = "00:00:00.500",
    };

    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task The_graphql_ws_client_sees_processing_then_progress_then_ready_in_order()
    {
        await using var app = StreamEngineApp.With(FastPipeline, kestrel: true);
        var client = app.CreateGraphQLClient();
        var user = await client.SignUpAsync("wsclient");
        client.AccessToken = user.AccessToken;
        var clip = TestMedia.Clip720(_files.Path, seconds: 8);
        var created = await client.CreateUploadAsync("clip.mp4", new FileInfo(clip).Length);
        var upload = created["upload"]!;
        var videoId = upload["video"]!["id"]!.GetValue<string>();
        var etags = await client.PutPartsAsync(upload, clip);

        var wsUrl = new UriBuilder(app.BaseAddress) { Scheme = "ws", Path = "/graphql" }.Uri.ToString();
        await using var peer = NodePeer.Start(
            "subscribe.mjs",
            [wsUrl, user.AccessToken, Subscription, $"{{\"id\":\"{videoId}\"}}"]
        );
        await peer.WaitForLineAsync(
            l => l.Contains("AWAITING_UPLOAD", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30)
        );
        Assert.Empty(
            (await client.CompleteAsync(upload["id"]!.GetValue<string>(), etags)).PayloadErrorCodes(
                "completeVideoUpload"
            )
        );
        Assert.Equal(0, await peer.WaitForExitAsync(TimeSpan.FromMinutes(3)));

        var events = Events(peer.Lines);
        var statuses = events.Select(e => e["status"]!.GetValue<string>()).ToList();
        Assert.Equal("AWAITING_UPLOAD", statuses[0]);
        Assert.Equal("READY", statuses[^1]);
        var processing = statuses.IndexOf("PROCESSING");
        Assert.True(processing > 0, string.Join(",", statuses));
        Assert.All(statuses.Skip(processing).SkipLast(1), s => Assert.Equal("PROCESSING", s));
        var encoding = events
            .Where(e => e["progress"]?["stage"]?.GetValue<string>() == "ENCODING")
            .Select(e => e["progress"]!["percent"]!.GetValue<double>())
            .ToList();
        Assert.True(
            encoding.Count >= 2,
            "Expected several ENCODING progress events: " + string.Join(" | ", peer.Lines)
        );
        Assert.Equal(encoding.OrderBy(p => p), encoding);
        Assert.Contains("{\"done\":\"terminal\"}", peer.Lines);
    }

    [Fact]
    public async Task A_late_subscriber_first_gets_the_current_state_and_strangers_see_no_unfinished_state()
    {
        await using var app = StreamEngineApp.With(FastPipeline);
        var client = app.CreateGraphQLClient();
        var owner = await client.SignUpAsync("late");
        client.AccessToken = owner.AccessToken;
        var clip = TestMedia.MakeClip(
            _files.Path,
            "failing.mp4",
            "-f lavfi -i testsrc2=size=320x240:rate=10 -t 1 -c:v libx264 -preset ultrafast"
        );
        await File.WriteAllTextAsync(clip, "not a video at all");
        var failed = await client.UploadAsync(clip);
        var stranger = await client.SignUpAsync("stranger");

        await using var asOwner = await RawSocket.ConnectAsync(app, "graphql-transport-ws");
        await asOwner.SendAsync(
            new { type = "connection_init", payload = new { Authorization = "Bearer " + owner.AccessToken } }
        );
        await asOwner.ReceiveAsync();
        await asOwner.SendAsync(
            new
            {
                id = "1",
                type = "subscribe",
                payload = new { query = Subscription, variables = new { id = failed["id"]!.GetValue<string>() } },
            }
        );
        var current = await asOwner.ReceiveTypeAsync("next");

        await using var asStranger = await RawSocket.ConnectAsync(app, "graphql-transport-ws");
        await asStranger.SendAsync(
            new { type = "connection_init", payload = new { Authorization = "Bearer " + stranger.AccessToken } }
        );
        await asStranger.ReceiveAsync();
        await asStranger.SendAsync(
            new
            {
                id = "1",
                type = "subscribe",
                payload = new { query = Subscription, variables = new { id = failed["id"]!.GetValue<string>() } },
            }
        );
        await Task.Delay(300);
        await client.SendAsync(
            "mutation($id: ID!) { updateVideo(input: { videoId: $id, visibility: PRIVATE }) { errors { code } } }",
            new { id = failed["id"]!.GetValue<string>() }
        );
        var strangers = await asStranger.ReceiveAsync();
        await asStranger.SendAsync(
            new
            {
                id = "2",
                type = "subscribe",
                payload = new { query = Subscription, variables = new { id = failed["id"]!.GetValue<string>() } },
            }
        );
        var refused = await asStranger.ReceiveTypeAsync("error");

        Assert.Equal("FAILED", current!["payload"]!["data"]!["videoStatusChanged"]!["status"]!.GetValue<string>());
        Assert.Contains(
            "not a video",
            current["payload"]!["data"]!["videoStatusChanged"]!["failureReason"]!.GetValue<string>(),
            StringComparison.Ordinal
        );

        // Strangers never see an unfinished or failed state; their subscription ends when the video turns private.
        Assert.Equal("complete", strangers!["type"]!.GetValue<string>());
        Assert.Equal("1", strangers["id"]!.GetValue<string>());
        Assert.Equal("VIDEO_NOT_FOUND", refused!["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_legacy_graphql_ws_client_receives_the_same_events()
    {
        await using var app = StreamEngineApp.With(FastPipeline);
        var client = app.CreateGraphQLClient();
        var user = await client.SignUpAsync("legacy");
        client.AccessToken = user.AccessToken;
        var clip = TestMedia.MakeClip(
            _files.Path,
            "legacy.mp4",
            "-f lavfi -i testsrc2=size=640x360:rate=25 -t 5 -c:v libx264 -preset ultrafast"
        );
        var created = await client.CreateUploadAsync("legacy.mp4", new FileInfo(clip).Length);
        var upload = created["upload"]!;
        var etags = await client.PutPartsAsync(upload, clip);

        await using var socket = await RawSocket.ConnectAsync(app, "graphql-ws");
        await socket.SendAsync(
            new { type = "connection_init", payload = new { authorization = "Bearer " + user.AccessToken } }
        );
        var ack = await socket.ReceiveAsync();
        await socket.SendAsync(
            new
            {
                id = "1",
                type = "start",
                payload = new
                {
                    query = Subscription,
                    variables = new { id = upload["video"]!["id"]!.GetValue<string>() },
                },
            }
        );
        var statuses = new List<string>
        {
            (await socket.ReceiveTypeAsync("data"))!["payload"]!["data"]!["videoStatusChanged"]![
                "status"
            ]!.GetValue<string>(),
        };
        await client.CompleteAsync(upload["id"]!.GetValue<string>(), etags);
        while (statuses[^1] is not ("READY" or "FAILED"))
        {
            var data = await socket.ReceiveTypeAsync("data", TimeSpan.FromMinutes(2));
            statuses.Add(data!["payload"]!["data"]!["videoStatusChanged"]!["status"]!.GetValue<string>());
        }

        await socket.SendAsync(new { id = "1", type = "stop" });
        var complete = await socket.ReceiveTypeAsync("complete");

        Assert.Equal("graphql-ws", socket.SubProtocol);
        Assert.Equal("connection_ack", ack!["type"]!.GetValue<string>());
        Assert.Equal("AWAITING_UPLOAD", statuses[0]);
        Assert.Contains("PROCESSING", statuses);
        Assert.Equal("READY", statuses[^1]);
        Assert.Equal("1", complete!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_event_raised_on_one_instance_reaches_a_subscriber_on_another_through_redis()
    {
        var redis = TestEnvironment.Require(TestEnvironment.Redis);
        await using var database = await PostgresTestDatabase.CreateAsync();
        var shared = new Dictionary<string, string?>(FastPipeline)
        {
            ["StreamEngine:PublicBaseUrl"] = "http://localhost",
            ["StreamEngine:Database:Provider"] = "Postgres",
            ["StreamEngine:Database:ConnectionString"] = database.ConnectionString,
            ["StreamEngine:Auth:SigningKey"] = Convert.ToBase64String(
                new byte[32]
                    .Select((_, i) => (byte)(i + 7))
                    .ToArray()
            ),
            ["StreamEngine:Redis:ConnectionString"] = redis,
        };
        await using var instanceA = StreamEngineApp.With(shared);
        await using var instanceB = StreamEngineApp.With(shared);
        var onA = instanceA.CreateGraphQLClient();
        var user = await onA.SignUpAsync("cluster");
        onA.AccessToken = user.AccessToken;
        var created = await onA.CreateUploadAsync("clip.mp4", 1000);
        var videoId = created["video"]!["id"]!.GetValue<string>();

        await using var onB = await RawSocket.ConnectAsync(instanceB, "graphql-transport-ws");
        await onB.SendAsync(
            new { type = "connection_init", payload = new { Authorization = "Bearer " + user.AccessToken } }
        );
        await onB.ReceiveAsync();
        await onB.SendAsync(
            new
            {
                id = "b",
                type = "subscribe",
                payload = new { query = "subscription { viewerVideoEvents { video { id } status } }" },
            }
        );
        await onB.SendAsync(
            new
            {
                id = "c",
                type = "subscribe",
                payload = new { query = Subscription, variables = new { id = videoId } },
            }
        );
        Assert.Equal(
            "AWAITING_UPLOAD",
            (await onB.ReceiveTypeAsync("next"))!["payload"]!["data"]!["videoStatusChanged"]![
                "status"
            ]!.GetValue<string>()
        );

        // The upload is refused on instance A (its bytes are not a video): the FAILED event is raised there.
        var put = await onA.PutPartsAsync(created["upload"]!, await WriteBytesAsync(1000));
        await onA.CompleteAsync(created["upload"]!["id"]!.GetValue<string>(), put);
        var received = new List<JsonNode>();
        while (received.Count < 2)
        {
            received.Add((await onB.ReceiveTypeAsync("next", TimeSpan.FromSeconds(30)))!);
        }

        Assert.Contains(
            received,
            m =>
                m["id"]!.GetValue<string>() == "b"
                && m["payload"]!["data"]!["viewerVideoEvents"]!["status"]!.GetValue<string>() == "FAILED"
        );
        Assert.Contains(
            received,
            m =>
                m["id"]!.GetValue<string>() == "c"
                && m["payload"]!["data"]!["videoStatusChanged"]!["status"]!.GetValue<string>() == "FAILED"
        );
    }

    private async Task<string> WriteBytesAsync(int count)
    {
        var path = Path.Combine(_files.Path, Guid.NewGuid().ToString("N") + ".bin");
        await File.WriteAllBytesAsync(path, new byte[count]);
        return path;
    }

    private static List<JsonNode> Events(IEnumerable<string> lines) =>
        lines
            .Where(l => l.StartsWith("{\"next\"", StringComparison.Ordinal))
            .Select(l => JsonNode.Parse(l)!["next"]!["data"]!["videoStatusChanged"]!)
            .ToList();
}
