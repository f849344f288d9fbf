using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;
using StreamEngine.Web.Tests.Videos;

namespace StreamEngine.Web.Tests.Hostile;

/// <summary>Upload and media URLs as an attacker uses them: holding unbounded storage, and keeping a playback URL
/// working after its video was made private.</summary>
public sealed class UploadAndMediaUrlAttackTests : IClassFixture<UploadAndMediaUrlAttackTests.App>, IDisposable
{
    private readonly App _app;
    private readonly TempDirectory _files = new();

    public UploadAndMediaUrlAttackTests(App app) => _app = app;

    public sealed class App()
        : StreamEngineApp(
            new Dictionary<string, string?>
            {
                ["StreamEngine:Videos:MinPartSizeBytes"] = "262144",
                ["StreamEngine:Videos:MaxOpenUploadsPerUser"] = "2",
                ["StreamEngine:Videos:MaxReservedBytesPerUser"] = "3000000",
                ["StreamEngine:Videos:PublicPlaybackRecheck"] = "00:00:00",
                ["StreamEngine:Pipeline:Preset"] = "ultrafast",
                ["StreamEngine:Pipeline:PollInterval"] = "00:00:00.500",
            }
        );

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Open_uploads_and_the_bytes_they_reserve_are_bounded_per_user()
    {
        var client = _app.CreateGraphQLClient();
        client.AccessToken = (await client.SignUpAsync("hoarder")).AccessToken;

        var first = await client.CreateUploadAsync("a.mp4", 1_000_000);
        var tooMuch = await client.CreateUploadAsync("b.mp4", 2_500_000);
        var second = await client.CreateUploadAsync("c.mp4", 1_000_000);
        var third = await client.CreateUploadAsync("d.mp4", 1_000);

        Assert.Empty(first["errors"]!.AsArray());
        Assert.Equal("QUOTA_EXCEEDED", tooMuch["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("sizeBytes", tooMuch["errors"]![0]!["field"]![1]!.GetValue<string>());
        Assert.Empty(second["errors"]!.AsArray());
        Assert.Equal("QUOTA_EXCEEDED", third["errors"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_backlog_of_abandoned_uploads_of_any_size_is_cleared_in_one_sweep()
    {
        var client = _app.CreateGraphQLClient();
        var owner = TestIds.Key((await client.SignUpAsync("backlog")).UserId);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<Application.Abstractions.IVideoStore>();
            var uploads = scope.ServiceProvider.GetRequiredService<Application.Abstractions.IUploadSessionStore>();
            for (var i = 0; i < 250; i++)
            {
                var video = Domain.Videos.Video.Create(owner, "abandoned " + i, null, _app.Clock.UtcNow);
                store.AddVideo(video);
                uploads.AddUpload(
                    Domain.Videos.UploadSession.Start(
                        video,
                        "a.mp4",
                        "video/mp4",
                        1000,
                        1000,
                        _app.Clock.UtcNow,
                        TimeSpan.FromHours(1)
                    )
                );
            }

            await store.SaveChangesAsync(default);
        }

        _app.Clock.Advance(TimeSpan.FromHours(2));
        int swept;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            swept = await scope.ServiceProvider.GetRequiredService<Application.Videos.ExpireUploads>().Handle(default);
        }

        _app.Clock.Advance(TimeSpan.FromHours(-2));
        Assert.True(swept >= 250, $"{swept} swept");
    }

    [Fact]
    public async Task Channel_image_uploads_waiting_for_completion_are_bounded_per_user()
    {
        var client = _app.CreateGraphQLClient();
        client.AccessToken = (await client.SignUpAsync("images")).AccessToken;
        const string begin =
            "mutation { createChannelImageUpload(input: { kind: AVATAR, sizeBytes: 10 }) { upload { url } errors { "
            + "code } } }";
        var urls = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            urls.Add(
                new Uri(
                    (await client.SendAsync(begin)).Ok()["createChannelImageUpload"]!["upload"]![
                        "url"
                    ]!.GetValue<string>()
                ).PathAndQuery
            );
        }

        var statuses = new List<HttpStatusCode>();
        foreach (var url in urls)
        {
            using var put = await client.Http.PutAsync(url, new ByteArrayContent(new byte[10]));
            statuses.Add(put.StatusCode);
        }

        var refused = await client.SendAsync(begin);

        Assert.Equal(
            [
                HttpStatusCode.OK,
                HttpStatusCode.OK,
                HttpStatusCode.OK,
                HttpStatusCode.TooManyRequests,
                HttpStatusCode.TooManyRequests,
            ],
            statuses
        );
        Assert.Equal(["QUOTA_EXCEEDED"], refused.PayloadErrorCodes("createChannelImageUpload"));
    }

    [Fact]
    public async Task A_playback_url_handed_to_a_stranger_stops_working_once_the_video_is_private()
    {
        var owner = _app.CreateGraphQLClient();
        owner.AccessToken = (await owner.SignUpAsync("privacy")).AccessToken;
        var clip = TestMedia.MakeClip(
            _files.Path,
            "privacy.mp4",
            "-f lavfi -i testsrc2=size=320x240:rate=25 -t 3 -c:v libx264 -preset ultrafast"
        );
        var id = (await owner.UploadAsync(clip))["id"]!.GetValue<string>();
        Assert.Equal(
            "READY",
            (await owner.WaitUntilSettledAsync(id, TimeSpan.FromMinutes(2)))["status"]!.GetValue<string>()
        );
        var stranger = _app.CreateGraphQLClient();
        var strangerUrl = new Uri(
            (await stranger.VideoAsync(id))!["playback"]!["hlsUrl"]!.GetValue<string>()
        ).PathAndQuery;
        var ownerUrl = new Uri((await owner.VideoAsync(id))!["playback"]!["hlsUrl"]!.GetValue<string>()).PathAndQuery;
        using var before = await stranger.Http.GetAsync(strangerUrl);

        await owner.SendAsync(
            "mutation($id: ID!) { updateVideo(input: { videoId: $id, visibility: PRIVATE }) { errors { code } } }",
            new { id }
        );
        using var after = await stranger.Http.GetAsync(strangerUrl);
        using var ownerAfter = await owner.Http.GetAsync(ownerUrl);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownerAfter.StatusCode);
    }

    [Fact]
    public async Task A_strangers_status_subscription_sees_no_unfinished_state_and_ends_when_the_video_turns_private()
    {
        var owner = _app.CreateGraphQLClient();
        owner.AccessToken = (await owner.SignUpAsync("follow")).AccessToken;
        var id = (await owner.CreateUploadAsync("f.mp4", 1_000))["video"]!["id"]!.GetValue<string>();
        await using var socket = await Subscriptions.RawSocket.ConnectAsync(_app, "graphql-transport-ws");
        await socket.SendAsync(new { type = "connection_init" });
        await socket.ReceiveTypeAsync("connection_ack");
        await socket.SendAsync(
            new
            {
                id = "s",
                type = "subscribe",
                payload = new { query = $"subscription {{ videoStatusChanged(videoId: \"{id}\") {{ status }} }}" },
            }
        );
        await Task.Delay(500);

        await owner.SendAsync(
            "mutation($id: ID!) { updateVideo(input: { videoId: $id, visibility: PRIVATE }) { errors { code } } }",
            new { id }
        );
        var first = await socket.ReceiveAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("complete", first!["type"]!.GetValue<string>());
    }
}
