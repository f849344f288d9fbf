using System.Net;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;

namespace StreamEngine.Web.Tests.Videos;

/// <summary>What a READY video has besides its ladder, through the public API on the embedded default: storyboard,
/// captions, thumbnails, downloads.</summary>
public sealed partial class VideoMediaTests : IClassFixture<VideoMediaTests.App>, IDisposable
{
    private readonly App _app;
    private readonly GraphQLClient _client;
    private readonly TempDirectory _files = new();

    public VideoMediaTests(App app)
    {
        _app = app;
        _client = app.CreateGraphQLClient();
    }

    public sealed class App()
        : StreamEngineApp(
            new Dictionary<string, string?>
            {
                ["StreamEngine:Pipeline:Preset"] = "ultrafast",
                ["StreamEngine:Pipeline:PollInterval"] = "00:00:00.500",
            }
        );

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_ready_video_has_a_signed_storyboard_whose_cues_point_at_tiles_of_its_sprite()
    {
        var id = await UploadReadyAsync("storyboard");

        var video = (
            await _client.SendAsync(
                "query($id: ID!) { video(id: $id) { storyboard { vttUrl spriteUrl tileWidth tileHeight "
                    + "intervalSeconds columns tileCount } } }",
                new { id }
            )
        ).Ok()["video"]!;

        var storyboard = video["storyboard"]!;
        Assert.Equal(1, storyboard["intervalSeconds"]!.GetValue<int>());
        Assert.Equal(6, storyboard["tileCount"]!.GetValue<int>());
        Assert.Equal((160, 90), (storyboard["tileWidth"]!.GetValue<int>(), storyboard["tileHeight"]!.GetValue<int>()));
        var vttUrl = new Uri(storyboard["vttUrl"]!.GetValue<string>());
        using var vtt = await _client.Http.GetAsync(vttUrl);
        Assert.Equal(HttpStatusCode.OK, vtt.StatusCode);
        Assert.Equal("text/vtt", vtt.Content.Headers.ContentType!.MediaType);
        var cues = (await vtt.Content.ReadAsStringAsync())
            .Split('\n')
            .Where(l => l.StartsWith("sprite.jpg#xywh=", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(6, cues.Count);
        Assert.Equal("sprite.jpg#xywh=160,0,160,90", cues[1]);

        // The cue's relative sprite URL resolves, through the same signature, to the sprite.
        using var sprite = await _client.Http.GetAsync(new Uri(vttUrl, "sprite.jpg"));
        Assert.Equal(HttpStatusCode.OK, sprite.StatusCode);
        Assert.Equal("image/jpeg", sprite.Content.Headers.ContentType!.MediaType);
        Assert.Equal(storyboard["spriteUrl"]!.GetValue<string>(), new Uri(vttUrl, "sprite.jpg").ToString());
    }

    [Fact]
    public async Task A_caption_is_added_to_the_master_playlist_served_signed_and_removed_again()
    {
        var id = await UploadReadyAsync("captions");
        const string mutation =
            "mutation($input: AddVideoCaptionInput!) { addVideoCaption(input: $input) { video { captions { language "
            + "label url } playback { hlsUrl } } errors { code field } } }";

        var hostile = (
            await _client.SendAsync(
                mutation,
                new
                {
                    input = new
                    {
                        videoId = id,
                        language = "en",
                        label = "English",
                        format = "WEBVTT",
                        content = "<script>not captions</script>",
                    },
                }
            )
        ).Ok()["addVideoCaption"]!;
        var added = (
            await _client.SendAsync(
                mutation,
                new
                {
                    input = new
                    {
                        videoId = id,
                        language = "en-gb",
                        label = "English (UK)",
                        format = "SRT",
                        content = "1\n00:00:01,000 --> 00:00:02,000\nHello <b>there</b>\n",
                    },
                }
            )
        ).Ok()["addVideoCaption"]!;

        Assert.Equal("CAPTION_INVALID", hostile["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Empty(added["errors"]!.AsArray());
        var caption = Assert.Single(added["video"]!["captions"]!.AsArray())!;
        Assert.Equal(
            ("en-GB", "English (UK)"),
            (caption["language"]!.GetValue<string>(), caption["label"]!.GetValue<string>())
        );
        using var vtt = await _client.Http.GetAsync(caption["url"]!.GetValue<string>());
        Assert.Equal("text/vtt", vtt.Content.Headers.ContentType!.MediaType);
        Assert.Equal(
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello <b>there</b>\n",
            await vtt.Content.ReadAsStringAsync()
        );

        var hls = new Uri(added["video"]!["playback"]!["hlsUrl"]!.GetValue<string>());
        var master = await _client.Http.GetStringAsync(hls);
        Assert.Contains(
            "#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"English (UK)\",LANGUAGE=\"en-GB\",DEFAULT=YES",
            master,
            StringComparison.Ordinal
        );
        var variants = master
            .Split('\n')
            .Where(l => l.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal))
            .ToList();
        Assert.All(variants, v => Assert.EndsWith(",SUBTITLES=\"subs\"", v, StringComparison.Ordinal));
        var uri = System
            .Text.RegularExpressions.Regex.Match(master, "TYPE=SUBTITLES.*URI=\"([^\"]+)\"")
            .Groups[1]
            .Value;
        var playlist = await _client.Http.GetStringAsync(new Uri(hls, uri));
        Assert.Contains("#EXT-X-ENDLIST", playlist, StringComparison.Ordinal);
        Assert.Contains(".vtt", playlist, StringComparison.Ordinal);

        var deleted = (
            await _client.SendAsync(
                "mutation($input: DeleteVideoCaptionInput!) { deleteVideoCaption(input: $input) { video { captions "
                    + "{ language } } errors { code } } }",
                new { input = new { videoId = id, language = "EN-GB" } }
            )
        ).Ok()["deleteVideoCaption"]!;
        Assert.Empty(deleted["video"]!["captions"]!.AsArray());
        var after = await _client.Http.GetStringAsync(hls);
        Assert.DoesNotContain("SUBTITLES", after, StringComparison.Ordinal);
        using var gone = await _client.Http.GetAsync(caption["url"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    private async Task<string> UploadReadyAsync(string name, string? source = null, string extension = ".mp4")
    {
        var user = await _client.SignUpAsync(name);
        _client.AccessToken = user.AccessToken;
        var clip = TestMedia.MakeClip(
            _files.Path,
            name + extension,
            source
                ?? "-f lavfi -i testsrc2=size=640x360:rate=25 -f lavfi -i sine=frequency=440 -t 6 -c:v libx264 "
                    + "-preset ultrafast -c:a aac -shortest"
        );
        var video = await _client.UploadAsync(clip);
        var id = video["id"]!.GetValue<string>();
        var ready = await _client.WaitUntilSettledAsync(id, TimeSpan.FromMinutes(2));
        Assert.True(ready["status"]!.GetValue<string>() == "READY", ready.ToJsonString());
        return id;
    }
}
