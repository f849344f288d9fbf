using System.Net;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;

namespace StreamEngine.Web.Tests.Videos;

public sealed partial class AwsPipelineTests
{
    [Fact]
    public async Task A_tus_upload_on_s3_storage_lands_in_multipart_parts_and_starts_the_state_machine()
    {
        var user = await _client.SignUpAsync("awstus");
        var clip = await File.ReadAllBytesAsync(TestMedia.Clip720(_files.Path, seconds: 3));
        Assert.True(clip.Length > 3 * 262144, "The clip must span several parts.");
        var tus = new TusClient(_client.Http, user.AccessToken);

        // The first bytes come with the creation, not on a part boundary; the rest in one PATCH.
        var first = (262144 * 2) + 1000;
        using var created = await tus.CreateAsync(
            clip.Length,
            TusClient.Metadata(("filename", "clip.mp4"), ("filetype", "video/mp4"), ("title", "On S3")),
            clip[..first]
        );
        Assert.Equal(first, TusClient.Offset(created));
        var url = created.Headers.Location!.ToString();
        using var head = await tus.HeadAsync(url);
        Assert.Equal(first, TusClient.Offset(head));
        using var rest = await tus.PatchAsync(url, first, clip[first..]);
        Assert.Equal(HttpStatusCode.NoContent, rest.StatusCode);

        var videoId = TusClient.Header(created, "StreamEngine-Video-Id");
        var start = _aws.Requests.Single(r => r.Target == "AWSStepFunctions.StartExecution");
        Assert.Equal(TestIds.Key(videoId).ToString("N"), start.Body.GetProperty("name").GetString());
        using var source = await _s3.GetObjectAsync(_raw, $"raw/{TestIds.Key(videoId):N}/source");
        using var stored = new MemoryStream();
        await source.ResponseStream.CopyToAsync(stored);
        Assert.Equal(clip, stored.ToArray());
        var left = await _s3.ListObjectsV2Async(
            new Amazon.S3.Model.ListObjectsV2Request { BucketName = _raw, Prefix = $"raw/{TestIds.Key(videoId):N}/" }
        );
        Assert.Equal([$"raw/{TestIds.Key(videoId):N}/source"], (left.S3Objects ?? []).Select(o => o.Key));
    }
}
