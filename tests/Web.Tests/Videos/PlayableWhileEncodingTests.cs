using System.Net;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;
using StreamEngine.Web.Tests.Subscriptions;

namespace StreamEngine.Web.Tests.Videos;

/// <summary>A video watched while it encodes, through the public API: ffmpeg reads the source at its own pace (a
/// wrapper adds <c>-re</c>), so a 20-second clip is PROCESSING for about 20 seconds after its first segments
/// exist.</summary>
public sealed class PlayableWhileEncodingTests : IClassFixture<PlayableWhileEncodingTests.App>, IDisposable
{
    private readonly App _app;
    private readonly GraphQLClient _client;
    private readonly TempDirectory _files = new();

    public PlayableWhileEncodingTests(App app)
    {
        _app = app;
        _client = app.CreateGraphQLClient();
    }

    public sealed class App()
        : StreamEngineApp(
            new Dictionary<string, string?>
            {
                ["StreamEngine:Videos:MinPartSizeBytes"] = "262144",
                ["StreamEngine:Pipeline:Preset"] = "ultrafast",
                ["StreamEngine:Pipeline:PollInterval"] = "00:00:00.500",
                ["StreamEngine:Pipeline:FfmpegPath"] = RealTimeFfmpeg.Value,
            }
        )
    {
        private static readonly Lazy<string> RealTimeFfmpeg = new(() =>
            TestMedia.RealTimeFfmpeg(Directory.CreateTempSubdirectory("streamengine-realtime-").FullName)
        );
    }

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_public_follower_hears_it_is_playable_and_plays_growing_playlists_until_ready()
    {
        _client.AccessToken = (await _client.SignUpAsync("early_bird")).AccessToken;
        var clip = TestMedia.MakeClip(
            _files.Path,
            "twenty.mp4",
            "-f lavfi -i testsrc2=size=640x360:rate=25 -f lavfi -i sine=frequency=440:sample_rate=48000 -t 20 "
                + "-c:v libx264 -preset ultrafast -c:a aac -shortest"
        );
        var created = await _client.CreateUploadAsync("twenty.mp4", new FileInfo(clip).Length);
        var videoId = created["video"]!["id"]!.GetValue<string>();
        var etags = await _client.PutPartsAsync(created["upload"]!, clip);

        // An anonymous viewer follows the public video: it hears nothing until the video plays.
        await using var socket = await RawSocket.ConnectAsync(_app, "graphql-transport-ws");
        await socket.SubscribeAsync(
            null,
            "subscription($id: ID!) { videoStatusChanged(videoId: $id) { status playable progress { stage } video { "
                + "playable playback { hlsUrl } } } }",
            new { id = videoId }
        );
        var completed = (await _client.CompleteAsync(created["upload"]!["id"]!.GetValue<string>(), etags)).Ok();
        Assert.Empty(completed["completeVideoUpload"]!["errors"]!.AsArray());

        var first = (await socket.ReceiveTypeAsync("next", TimeSpan.FromMinutes(1)))!["payload"]!["data"]![
            "videoStatusChanged"
        ]!;
        Assert.Equal(("PROCESSING", true), (first["status"]!.GetValue<string>(), first["playable"]!.GetValue<bool>()));
        Assert.Null(first["progress"]);
        var hls = new Uri(first["video"]!["playback"]!["hlsUrl"]!.GetValue<string>());

        // While it encodes: the master and a growing EVENT playlist, revalidated on each reload; a file still being
        // written is never served.
        using var masterResponse = await _client.Http.GetAsync(hls);
        var master = await masterResponse.Content.ReadAsStringAsync();
        Assert.Contains("360p/index.m3u8", master, StringComparison.Ordinal);
        Assert.True(masterResponse.Headers.CacheControl is { NoCache: true, Private: true });
        var growing = await _client.Http.GetStringAsync(new Uri(hls, "360p/index.m3u8"));
        Assert.Contains("#EXT-X-PLAYLIST-TYPE:EVENT", growing, StringComparison.Ordinal);
        Assert.DoesNotContain("#EXT-X-ENDLIST", growing, StringComparison.Ordinal);
        using var segment = await _client.Http.GetAsync(new Uri(hls, "360p/segment_00000.m4s"));
        Assert.Equal(HttpStatusCode.OK, segment.StatusCode);
        File.WriteAllText(Path.Combine(MediaFolder(videoId), "360p", "index.m3u8.tmp"), "#EXTM3U\n");
        using var temporary = await _client.Http.GetAsync(new Uri(hls, "360p/index.m3u8.tmp"));
        Assert.Equal(HttpStatusCode.NotFound, temporary.StatusCode);
        File.Delete(Path.Combine(MediaFolder(videoId), "360p", "index.m3u8.tmp"));
        Assert.Equal("PROCESSING", (await _client.VideoAsync(videoId))!["status"]!.GetValue<string>());

        // READY next, for the follower too; the same URL now gives the finished VOD playlist.
        var ready = (await socket.ReceiveTypeAsync("next", TimeSpan.FromMinutes(1)))!["payload"]!["data"]![
            "videoStatusChanged"
        ]!;
        Assert.Equal(("READY", true), (ready["status"]!.GetValue<string>(), ready["playable"]!.GetValue<bool>()));
        var finished = await _client.Http.GetStringAsync(new Uri(hls, "360p/index.m3u8"));
        Assert.Contains("#EXT-X-PLAYLIST-TYPE:VOD", finished, StringComparison.Ordinal);
        Assert.Equal(5, HlsSegments(finished));
        Assert.True(HlsSegments(growing) < HlsSegments(finished));
    }

    private string MediaFolder(string videoId) =>
        Path.Combine(_app.DataDirectory, "media", TestIds.Key(videoId).ToString("N"));

    private static int HlsSegments(string playlist) =>
        playlist.Split('\n').Count(l => l.EndsWith(".m4s", StringComparison.Ordinal));
}
