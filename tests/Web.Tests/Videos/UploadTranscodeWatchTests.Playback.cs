using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;

namespace StreamEngine.Web.Tests.Videos;

public sealed partial class UploadTranscodeWatchTests
{
    [Fact]
    public async Task Part_urls_refuse_forged_signatures_and_wrong_sizes()
    {
        var user = await _client.SignUpAsync("forger");
        _client.AccessToken = user.AccessToken;
        var created = await _client.CreateUploadAsync("clip.mp4", 600_000);
        var url = created["upload"]!["parts"]![0]!["url"]!.GetValue<string>();

        using var forged = await _client.Http.PutAsync(
            url.Replace("size=262144", "size=262145", StringComparison.Ordinal),
            new ByteArrayContent(new byte[262145])
        );
        using var wrongSize = await _client.Http.PutAsync(url, new ByteArrayContent(new byte[1000]));
        using var oversize = await _client.Http.PutAsync(url, new ByteArrayContent(new byte[300_000]));

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongSize.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, oversize.StatusCode);
        Assert.Empty(Directory.GetFiles(Path.Combine(_app.DataDirectory, "uploads"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Creating_an_upload_checks_its_input_and_needs_a_session()
    {
        _client.AccessToken = null;
        var anonymous = await _client.SendAsync(
            "mutation { createVideoUpload(input: { title: \"x\", fileName: \"a.mp4\", contentType: \"video/mp4\", "
                + "sizeBytes: 10 }) { errors { code } } }"
        );
        var user = await _client.SignUpAsync("inputs");
        _client.AccessToken = user.AccessToken;

        var bad = await _client.SendAsync(
            "mutation { createVideoUpload(input: { title: \"\", fileName: \"\", contentType: \"text/plain\", "
                + "sizeBytes: 99999999999999 }) { errors { code field } } }"
        );

        Assert.Equal(["NOT_AUTHENTICATED"], anonymous.MutationErrorCodes);
        Assert.Equal(
            ["INVALID_TITLE", "INVALID_FILE_NAME", "UNSUPPORTED_CONTENT_TYPE", "UPLOAD_TOO_LARGE"],
            bad.PayloadErrorCodes("createVideoUpload")
        );
    }

    [Fact]
    public async Task Aborting_an_upload_removes_its_bytes_and_its_waiting_video()
    {
        var user = await _client.SignUpAsync("aborter");
        _client.AccessToken = user.AccessToken;
        var clip = TestMedia.Clip720(_files.Path, seconds: 3);
        var created = await _client.CreateUploadAsync("clip.mp4", new FileInfo(clip).Length);
        await _client.PutPartsAsync(created["upload"]!, clip);

        var aborted = await _client.SendAsync(
            "mutation($id: ID!) { abortVideoUpload(input: { uploadId: $id }) { abortedUploadId errors { code } } }",
            new { id = created["upload"]!["id"]!.GetValue<string>() }
        );

        Assert.Empty(aborted.PayloadErrorCodes("abortVideoUpload"));
        Assert.Null(await _client.VideoAsync(created["video"]!["id"]!.GetValue<string>()));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_app.DataDirectory, "uploads")));
    }

    [Fact]
    public async Task An_expired_upload_is_swept_with_its_bytes()
    {
        var user = await _client.SignUpAsync("sweeper");
        _client.AccessToken = user.AccessToken;
        var clip = TestMedia.Clip720(_files.Path, seconds: 3);
        var created = await _client.CreateUploadAsync("clip.mp4", new FileInfo(clip).Length);
        await _client.PutPartsAsync(created["upload"]!, clip);
        _app.Clock.Advance(TimeSpan.FromHours(25));

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            Assert.True(
                await scope.ServiceProvider.GetRequiredService<Application.Videos.ExpireUploads>().Handle(default) >= 1
            );
        }

        _app.Clock.Advance(TimeSpan.FromHours(-25));
        var completed = await _client.CompleteAsync(created["upload"]!["id"]!.GetValue<string>(), [(1, "x")]);
        Assert.Null(await _client.VideoAsync(created["video"]!["id"]!.GetValue<string>()));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_app.DataDirectory, "uploads")));
        Assert.Equal(["UPLOAD_NOT_FOUND"], completed.PayloadErrorCodes("completeVideoUpload"));
    }

    [Fact]
    public async Task Owners_edit_and_delete_their_videos_and_strangers_cannot()
    {
        var video = await UploadReadyAsync("owner");
        var ownerToken = _client.AccessToken;
        var id = video["id"]!.GetValue<string>();
        var stranger = await _client.SignUpAsync("stranger");

        _client.AccessToken = stranger.AccessToken;
        var strangerEdit = await _client.SendAsync(
            "mutation($id: ID!) { updateVideo(input: { videoId: $id, title: \"Mine now\" }) { errors { code } } }",
            new { id }
        );
        var strangerDelete = await _client.SendAsync(
            "mutation($id: ID!) { deleteVideo(input: { videoId: $id }) { errors { code } } }",
            new { id }
        );
        _client.AccessToken = ownerToken;
        var madePrivate = await _client.SendAsync(
            "mutation($id: ID!) { updateVideo(input: { videoId: $id, visibility: PRIVATE, title: \"Renamed\" }) { "
                + "video { title visibility } errors { code } } }",
            new { id }
        );
        _client.AccessToken = stranger.AccessToken;
        var hidden = await _client.VideoAsync(id);
        _client.AccessToken = null;
        var anonymous = await _client.VideoAsync(id);
        _client.AccessToken = ownerToken;
        var deleted = await _client.SendAsync(
            "mutation($id: ID!) { deleteVideo(input: { videoId: $id }) { deletedVideoId errors { code } } }",
            new { id }
        );

        Assert.Equal(["NOT_OWNER"], strangerEdit.MutationErrorCodes);
        Assert.Equal(["NOT_OWNER"], strangerDelete.MutationErrorCodes);
        Assert.Equal("PRIVATE", madePrivate.Ok()["updateVideo"]!["video"]!["visibility"]!.GetValue<string>());
        Assert.Null(hidden);
        Assert.Null(anonymous);
        Assert.Empty(deleted.PayloadErrorCodes("deleteVideo"));
        Assert.Null(await _client.VideoAsync(id));
        Assert.False(Directory.Exists(Path.Combine(_app.DataDirectory, "media", TestIds.Key(id).ToString("N"))));
    }

    [Fact]
    public async Task Unlisted_videos_play_for_anyone_with_the_id_and_strangers_see_no_processing_details()
    {
        var video = await UploadReadyAsync("unlisted");
        var id = video["id"]!.GetValue<string>();
        await _client.SendAsync(
            "mutation($id: ID!) { updateVideo(input: { videoId: $id, visibility: UNLISTED }) { errors { code } } }",
            new { id }
        );

        _client.AccessToken = null;
        var seen = await _client.VideoAsync(id);

        Assert.NotNull(seen!["playback"]);
        Assert.Null(seen["progress"]);
    }
}
