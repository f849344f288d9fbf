using System.Net;
using System.Text.Json.Nodes;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests.Videos;

/// <summary>The media files a READY video gets on request: its MP4 download and its poster, and what an audio-only
/// upload becomes.</summary>
public sealed partial class VideoMediaTests
{
    [Fact]
    public async Task The_owner_gets_a_faststart_mp4_of_the_top_rendition_and_viewers_only_when_allowed()
    {
        var id = await UploadReadyAsync("download");
        var owner = _client.AccessToken;
        const string query = "query($id: ID!) { video(id: $id) { allowDownloads download { state url sizeBytes } } }";

        var requested = (
            await _client.SendAsync(
                "mutation($input: RequestVideoDownloadInput!) { requestVideoDownload(input: $input) { video { "
                    + "download { state } } errors { code } } }",
                new { input = new { videoId = id } }
            )
        ).Ok()["requestVideoDownload"]!;
        Assert.Equal("PREPARING", requested["video"]!["download"]!["state"]!.GetValue<string>());
        JsonNode? download = null;
        for (var i = 0; i < 100 && download?["state"]?.GetValue<string>() != "READY"; i++)
        {
            await Task.Delay(200);
            download = (await _client.SendAsync(query, new { id })).Ok()["video"]!["download"];
        }

        Assert.Equal("READY", download!["state"]!.GetValue<string>());
        using var response = await _client.Http.GetAsync(download["url"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(download["sizeBytes"]!.GetValue<long>(), bytes.Length);
        var boxes = TopLevelBoxes(bytes);
        Assert.True(boxes.IndexOf("moov") < boxes.IndexOf("mdat"), string.Join(',', boxes));
        var file = Path.Combine(_files.Path, "download.mp4");
        await File.WriteAllBytesAsync(file, bytes);
        var probe = TestMedia.Probe(file);
        var duration = probe["format"]!["duration"]!.GetValue<string>();
        Assert.InRange(double.Parse(duration, System.Globalization.CultureInfo.InvariantCulture), 5.8, 6.3);
        Assert.Equal(
            ["audio", "video"],
            probe["streams"]!.AsArray().Select(s => s!["codec_type"]!.GetValue<string>()).Order()
        );

        // A viewer sees no download until the owner allows downloads.
        _client.AccessToken = null;
        var hidden = (await _client.SendAsync(query, new { id })).Ok()["video"]!;
        _client.AccessToken = owner;
        (
            await _client.SendAsync(
                "mutation($input: UpdateVideoInput!) { updateVideo(input: $input) { errors { code } } }",
                new { input = new { videoId = id, allowDownloads = true } }
            )
        ).Ok();
        _client.AccessToken = null;
        var shown = (await _client.SendAsync(query, new { id })).Ok()["video"]!;

        Assert.Null(hidden["download"]);
        Assert.True(shown["allowDownloads"]!.GetValue<bool>());
        Assert.EndsWith(".mp4", shown["download"]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_poster_is_the_frame_at_the_time_asked_in_each_size()
    {
        // The picture's brightness grows with time (luma 40 per second), so a frame's brightness tells its time.
        var id = await UploadReadyAsync(
            "thumbnail",
            "-f lavfi -i color=c=black:s=640x360:r=25:d=6 -vf geq=lum=40*T:cb=128:cr=128 -c:v libx264 -preset "
                + "ultrafast -pix_fmt yuv420p"
        );
        const string mutation =
            "mutation($input: SetVideoThumbnailInput!) { setVideoThumbnail(input: $input) { video { thumbnail { url } "
            + "thumbnails { width height url } } errors { code } } }";

        var refused = (await _client.SendAsync(mutation, new { input = new { videoId = id, atSeconds = 60.0 } })).Ok()[
            "setVideoThumbnail"
        ]!;
        var set = (await _client.SendAsync(mutation, new { input = new { videoId = id, atSeconds = 4.0 } })).Ok()[
            "setVideoThumbnail"
        ]!;

        Assert.Equal("INVALID_TIME", refused["errors"]![0]!["code"]!.GetValue<string>());
        var thumbnails = set["video"]!["thumbnails"]!.AsArray();
        Assert.Equal(
            [(640, 360), (320, 180)],
            thumbnails.Select(t => (t!["width"]!.GetValue<int>(), t["height"]!.GetValue<int>()))
        );
        Assert.Equal(thumbnails[0]!["url"]!.GetValue<string>(), set["video"]!["thumbnail"]!["url"]!.GetValue<string>());
        foreach (var thumbnail in thumbnails)
        {
            var file = Path.Combine(_files.Path, Guid.NewGuid().ToString("N") + ".jpg");
            await File.WriteAllBytesAsync(
                file,
                await _client.Http.GetByteArrayAsync(thumbnail!["url"]!.GetValue<string>())
            );
            // 160 in video range is about 168 in the JPEG's full range; a second earlier or later is 47 away.
            Assert.InRange(TestMedia.AverageLuma(file), 158, 178);
        }
    }

    [Fact]
    public async Task An_audio_only_upload_becomes_a_playable_audio_asset_with_a_waveform_poster()
    {
        var id = await UploadReadyAsync("podcast", "-f lavfi -i sine=frequency=330:duration=5 -c:a aac", ".m4a");

        var video = (
            await _client.SendAsync(
                "query($id: ID!) { video(id: $id) { renditions { name codecs } storyboard { vttUrl } "
                    + "thumbnails { width height url } playback { hlsUrl } } }",
                new { id }
            )
        ).Ok()["video"]!;
        var thumbnail = (
            await _client.SendAsync(
                "mutation($input: SetVideoThumbnailInput!) { setVideoThumbnail(input: $input) { errors { code } } }",
                new { input = new { videoId = id, atSeconds = 1.0 } }
            )
        ).Ok()["setVideoThumbnail"]!;

        var rendition = Assert.Single(video["renditions"]!.AsArray())!;
        Assert.Equal(
            ("audio", "mp4a.40.2"),
            (rendition["name"]!.GetValue<string>(), rendition["codecs"]!.GetValue<string>())
        );
        Assert.Null(video["storyboard"]);
        var poster = Assert.Single(video["thumbnails"]!.AsArray())!;
        Assert.Equal((1280, 720), (poster["width"]!.GetValue<int>(), poster["height"]!.GetValue<int>()));
        using var image = await _client.Http.GetAsync(poster["url"]!.GetValue<string>());
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType!.MediaType);
        var master = await _client.Http.GetStringAsync(video["playback"]!["hlsUrl"]!.GetValue<string>());
        Assert.Contains("audio/index.m3u8", master, StringComparison.Ordinal);
        Assert.Equal("NO_PICTURE", thumbnail["errors"]![0]!["code"]!.GetValue<string>());
    }

    private static List<string> TopLevelBoxes(byte[] mp4)
    {
        var boxes = new List<string>();
        long at = 0;
        while (at + 8 <= mp4.Length)
        {
            var size = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(mp4.AsSpan((int)at));
            boxes.Add(System.Text.Encoding.ASCII.GetString(mp4, (int)at + 4, 4));
            long length =
                size == 1
                    ? (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(mp4.AsSpan((int)at + 8))
                    : size;
            if (length < 8)
            {
                break;
            }

            at += length;
        }

        return boxes;
    }
}
