using System.Net;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests.Videos;

/// <summary>A custom poster uploaded by the owner, through the guarded image path of channel images.</summary>
public sealed partial class VideoMediaTests
{
    [Fact]
    public async Task An_uploaded_image_becomes_the_poster_at_the_videos_shape_and_a_non_image_changes_nothing()
    {
        // A portrait video, so the poster sizes follow its shape rather than the 16:9 boxes.
        var id = await UploadReadyAsync(
            "poster",
            "-f lavfi -i testsrc2=size=360x640:rate=25 -t 3 -c:v libx264 -preset ultrafast -pix_fmt yuv420p"
        );
        var image = TestMedia.MakeClip(_files.Path, "white.png", "-f lavfi -i color=c=white:s=900x700 -frames:v 1");
        var notImage = Path.Combine(_files.Path, "notes.png");
        await File.WriteAllTextAsync(notImage, "these are not pixels\n");

        var refused = await UploadPosterAsync(id, notImage);
        var before = (
            await _client.SendAsync("query($id: ID!) { video(id: $id) { thumbnails { url } } }", new { id })
        ).Ok()["video"]!["thumbnails"]!.AsArray();
        var set = await UploadPosterAsync(id, image);

        Assert.Equal("INVALID_IMAGE", refused["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Single(before);
        Assert.Empty(set["errors"]!.AsArray());
        var thumbnails = set["video"]!["thumbnails"]!.AsArray();
        Assert.Equal(
            [(404, 720), (102, 180)],
            thumbnails.Select(t => (t!["width"]!.GetValue<int>(), t["height"]!.GetValue<int>()))
        );
        foreach (var thumbnail in thumbnails)
        {
            var file = Path.Combine(_files.Path, Guid.NewGuid().ToString("N") + ".jpg");
            await File.WriteAllBytesAsync(
                file,
                await _client.Http.GetByteArrayAsync(thumbnail!["url"]!.GetValue<string>())
            );
            var stream = TestMedia.Probe(file)["streams"]![0]!;
            Assert.Equal(
                (thumbnail["width"]!.GetValue<int>(), thumbnail["height"]!.GetValue<int>()),
                (stream["width"]!.GetValue<int>(), stream["height"]!.GetValue<int>())
            );
            Assert.InRange(TestMedia.AverageLuma(file), 245, 256);
        }
    }

    private async Task<System.Text.Json.Nodes.JsonNode> UploadPosterAsync(string videoId, string file)
    {
        var bytes = await File.ReadAllBytesAsync(file);
        var upload = (
            await _client.SendAsync(
                "mutation($input: CreateVideoThumbnailUploadInput!) { createVideoThumbnailUpload(input: $input) { "
                    + "upload { url token } errors { code } } }",
                new { input = new { videoId, sizeBytes = bytes.Length } }
            )
        ).Ok()["createVideoThumbnailUpload"]!["upload"]!;
        using var put = await _client.Http.PutAsync(
            new Uri(upload["url"]!.GetValue<string>()).PathAndQuery,
            new ByteArrayContent(bytes)
        );
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        return (
            await _client.SendAsync(
                "mutation($input: CompleteVideoThumbnailUploadInput!) { completeVideoThumbnailUpload(input: $input) "
                    + "{ video { thumbnails { width height url } } errors { code } } }",
                new { input = new { videoId, token = upload["token"]!.GetValue<string>() } }
            )
        ).Ok()["completeVideoThumbnailUpload"]!;
    }
}
