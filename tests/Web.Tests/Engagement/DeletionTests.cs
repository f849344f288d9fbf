using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StreamEngine.Infrastructure.Persistence;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;

namespace StreamEngine.Web.Tests.Engagement;

/// <summary>Deleting a video or an account takes everything that belongs to it, and other people's counters stay
/// right.</summary>
public abstract class DeletionTests(EngagementFixture fixture)
{
    private StreamEngineApp App => fixture.App;

    [Fact]
    public async Task Deleting_a_video_removes_its_comments_likes_playlist_entries_history_and_files()
    {
        var owner = await fixture.PersonAsync("delvid");
        var fan = await fixture.PersonAsync("delvidfan");
        var video = await Seed.VideoAsync(App, owner, "Short-lived");
        var media = MediaFolder(video);
        Directory.CreateDirectory(media);
        await File.WriteAllTextAsync(Path.Combine(media, "master.m3u8"), "#EXTM3U");
        var playlist = await EngageAsync(fan, video);

        var byFan = await fan.SendAsync(
            "mutation($v: ID!) { deleteVideo(input: { videoId: $v }) { deletedVideoId errors { code } } }",
            new { v = video }
        );
        await owner.MutateAsync(
            "deleteVideo",
            "mutation($v: ID!) { deleteVideo(input: { videoId: $v }) { deletedVideoId errors { code } } }",
            new { v = video }
        );

        Assert.Equal(["NOT_OWNER"], byFan.MutationErrorCodes);
        Assert.Equal(
            0,
            (
                await fan.SendAsync(
                    "query($p: ID!) { playlist(id: $p) { items { totalCount } } }",
                    new { p = playlist }
                )
            ).Ok()["playlist"]!["items"]!["totalCount"]!.GetValue<int>()
        );
        Assert.Equal(
            0,
            (await fan.SendAsync("{ viewer { watchHistory { totalCount } } }")).Ok()["viewer"]!["watchHistory"]![
                "totalCount"
            ]!.GetValue<int>()
        );
        Assert.False(Directory.Exists(media));
        Assert.Equal(0, await RowsOfVideoAsync(TestIds.Key(video)));
    }

    [Fact]
    public async Task Deleting_an_account_removes_its_content_and_data_and_corrects_other_peoples_counters()
    {
        var leaving = await fixture.PersonAsync("leaving");
        var staying = await fixture.PersonAsync("staying");
        var leavingVideo = await Seed.VideoAsync(App, leaving, "Mine");
        var stayingVideo = await Seed.VideoAsync(App, staying, "Theirs");
        var media = MediaFolder(leavingVideo);
        Directory.CreateDirectory(media);
        await File.WriteAllTextAsync(Path.Combine(media, "master.m3u8"), "#EXTM3U");
        var playlist = await EngageAsync(staying, leavingVideo);
        await EngageAsync(leaving, stayingVideo);
        var stayingComment = (
            await staying.MutateAsync(
                "addComment",
                "mutation($v: ID!) { addComment(input: { videoId: $v, body: \"own\" }) { comment { id } errors { "
                    + "code } } }",
                new { v = stayingVideo }
            )
        )["comment"]!["id"]!.GetValue<string>();
        await leaving.MutateAsync(
            "likeComment",
            "mutation($c: ID!) { likeComment(input: { commentId: $c }) { errors { code } } }",
            new { c = stayingComment }
        );
        var leavingComment = (
            await leaving.SendAsync(
                "query($v: ID!) { video(id: $v) { comments { nodes { id author { handle } } } } }",
                new { v = stayingVideo }
            )
        ).Ok()["video"]!["comments"]!["nodes"]!
            .AsArray()
            .Single(n => n!["author"]!["handle"]!.GetValue<string>() == leaving.Handle)!["id"]!.GetValue<string>();
        await staying.MutateAsync(
            "addComment",
            "mutation($v: ID!, $p: ID!) { addComment(input: { videoId: $v, body: \"reply to the leaver\", parentId: "
                + "$p }) { "
                + "errors { code } } }",
            new { v = stayingVideo, p = leavingComment }
        );
        await leaving.MutateAsync(
            "addComment",
            "mutation($v: ID!, $p: ID!) { addComment(input: { videoId: $v, body: \"leaver's reply\", parentId: $p }) { "
                + "errors { code } } }",
            new { v = stayingVideo, p = stayingComment }
        );
        await staying.MutateAsync(
            "subscribeToChannel",
            "mutation($c: ID!) { subscribeToChannel(input: { channelId: $c }) { errors { code } } }",
            new { c = leaving.ChannelId }
        );
        await leaving.MutateAsync(
            "subscribeToChannel",
            "mutation($c: ID!) { subscribeToChannel(input: { channelId: $c }) { errors { code } } }",
            new { c = staying.ChannelId }
        );
        var avatar = TestMedia.MakeClip(App.DataDirectory, "avatar.png", "-f lavfi -i color=c=red:s=64x64 -frames:v 1");
        await ChannelImagesTests.SetImageAsync(leaving, "AVATAR", avatar);
        const string counters =
            "query($v: ID!, $h: String!) { video(id: $v) { likeCount commentCount comments { nodes { id likeCount "
            + "replyCount } } } channel(handle: $h) { subscriberCount } }";
        var before = (await staying.SendAsync(counters, new { v = stayingVideo, h = staying.Handle })).Ok();

        var wrongPassword = await leaving.SendAsync(
            "mutation { deleteAccount(input: { password: \"not-it\" }) { deletedUserId errors { code } } }"
        );
        var anonymous = await fixture
            .Anonymous()
            .SendAsync("mutation { deleteAccount(input: { password: \"x\" }) { deletedUserId errors { code } } }");
        var deleted = await leaving.MutateAsync(
            "deleteAccount",
            "mutation($p: String) { deleteAccount(input: { password: $p }) { deletedUserId errors { code } } }",
            new { p = AccountClient.Password }
        );
        var after = (await staying.SendAsync(counters, new { v = stayingVideo, h = staying.Handle })).Ok();

        Assert.Equal(["INVALID_CREDENTIALS"], wrongPassword.PayloadErrorCodes("deleteAccount"));
        Assert.Equal(["NOT_AUTHENTICATED"], anonymous.MutationErrorCodes);
        Assert.Equal(leaving.Id, deleted["deletedUserId"]!.GetValue<string>());
        Assert.Equal(1, before["video"]!["likeCount"]!.GetValue<long>());
        Assert.Equal(0, after["video"]!["likeCount"]!.GetValue<long>());

        // Gone: the leaver's comment with the reply to it, and the leaver's reply on the staying comment.
        Assert.Equal(
            before["video"]!["commentCount"]!.GetValue<long>() - 3,
            after["video"]!["commentCount"]!.GetValue<long>()
        );
        var ownComment = after["video"]!["comments"]!["nodes"]!
            .AsArray()
            .Single(n => n!["id"]!.GetValue<string>() == stayingComment)!;
        Assert.Equal(0, ownComment["likeCount"]!.GetValue<long>());
        Assert.Equal(0, ownComment["replyCount"]!.GetValue<long>());
        Assert.Single(after["video"]!["comments"]!["nodes"]!.AsArray());
        Assert.Equal(
            before["channel"]!["subscriberCount"]!.GetValue<long>() - 1,
            after["channel"]!["subscriberCount"]!.GetValue<long>()
        );
        Assert.Equal(
            0,
            (
                await staying.SendAsync(
                    "query($p: ID!) { playlist(id: $p) { items { totalCount } } }",
                    new { p = playlist }
                )
            ).Ok()["playlist"]!["items"]!["totalCount"]!.GetValue<int>()
        );
        Assert.Equal(
            0,
            (await staying.SendAsync("{ viewer { subscriptions { totalCount } } }")).Ok()["viewer"]!["subscriptions"]![
                "totalCount"
            ]!.GetValue<int>()
        );
        Assert.Null(
            (
                await staying.SendAsync("query($h: String!) { channel(handle: $h) { id } }", new { h = leaving.Handle })
            ).Ok()["channel"]
        );
        Assert.Equal(
            System.Net.HttpStatusCode.Unauthorized,
            (await leaving.SendAsync("{ me: viewer { user { id } } }")).Status
        );
        Assert.False(Directory.Exists(media));
        Assert.False(Directory.Exists(Path.Combine(App.DataDirectory, "channels", leaving.UserId.ToString("N"))));
        Assert.Equal(0, await RowsOfUserAsync(leaving.UserId));
    }

    /// <summary>Comments on, likes, lists in a playlist and watches the video; returns the playlist.</summary>
    private static async Task<string> EngageAsync(Person person, string video)
    {
        await person.MutateAsync(
            "addComment",
            "mutation($v: ID!) { addComment(input: { videoId: $v, body: \"hello\" }) { errors { code } } }",
            new { v = video }
        );
        await person.MutateAsync(
            "likeVideo",
            "mutation($v: ID!) { likeVideo(input: { videoId: $v }) { errors { code } } }",
            new { v = video }
        );
        await person.MutateAsync(
            "recordView",
            "mutation($v: ID!) { recordView(input: { videoId: $v }) { errors { code } } }",
            new { v = video }
        );
        var playlist = (
            await person.MutateAsync(
                "createPlaylist",
                "mutation { createPlaylist(input: { title: \"Keep\" }) { playlist { id } errors { code } } }"
            )
        )["playlist"]!["id"]!.GetValue<string>();
        await person.MutateAsync(
            "addPlaylistItem",
            "mutation($p: ID!, $v: ID!) { addPlaylistItem(input: { playlistId: $p, videoId: $v }) { errors { code } "
                + "} }",
            new { p = playlist, v = video }
        );
        return playlist;
    }

    private string MediaFolder(string video) =>
        Path.Combine(App.DataDirectory, "media", TestIds.Key(video).ToString("N"));

    private async Task<int> RowsOfVideoAsync(Guid video)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Comments.CountAsync(c => c.VideoId == video)
            + await db.VideoLikes.CountAsync(l => l.VideoId == video)
            + await db.PlaylistItems.CountAsync(i => i.VideoId == video)
            + await db.WatchHistory.CountAsync(w => w.VideoId == video)
            + await db.ViewRecords.CountAsync(r => r.VideoId == video)
            + await db.Videos.CountAsync(v => v.Id == video);
    }

    private async Task<int> RowsOfUserAsync(Guid user)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Users.CountAsync(u => u.Id == user)
            + await db.Sessions.CountAsync(s => s.UserId == user)
            + await db.Videos.CountAsync(v => v.OwnerId == user)
            + await db.Comments.CountAsync(c => c.AuthorId == user)
            + await db.VideoLikes.CountAsync(l => l.UserId == user)
            + await db.CommentLikes.CountAsync(l => l.UserId == user)
            + await db.ChannelSubscriptions.CountAsync(s => s.SubscriberId == user || s.ChannelId == user)
            + await db.Playlists.CountAsync(p => p.OwnerId == user)
            + await db.WatchHistory.CountAsync(w => w.UserId == user)
            + await db.ViewRecords.CountAsync(r => r.ViewerKey == "u:" + user.ToString("N"));
    }
}

public sealed class PostgresDeletionTests(PostgresEngagementFixture fixture)
    : DeletionTests(fixture),
        IClassFixture<PostgresEngagementFixture>;

public sealed class SqliteDeletionTests(SqliteEngagementFixture fixture)
    : DeletionTests(fixture),
        IClassFixture<SqliteEngagementFixture>;
