namespace StreamEngine.Web.Tests.Engagement;

/// <summary>Every engagement operation that needs an account refuses an anonymous caller with NOT_AUTHENTICATED, and
/// changes to another user's playlist are refused with NOT_OWNER.</summary>
public abstract class AuthorizationTests(EngagementFixture fixture)
{
    public static TheoryData<string> SignedInOnly =>
        new()
        {
            "mutation { subscribe(channelId: \"00000000-0000-0000-0000-000000000001\") { errors { code } } }",
            "mutation { unsubscribe(channelId: \"00000000-0000-0000-0000-000000000001\") { errors { code } } }",
            "mutation { likeVideo(videoId: \"00000000-0000-0000-0000-000000000001\") { errors { code } } }",
            "mutation { unlikeVideo(videoId: \"00000000-0000-0000-0000-000000000001\") { errors { code } } }",
            "mutation { likeComment(commentId: \"00000000-0000-0000-0000-000000000001\") { errors { code } } }",
            "mutation { unlikeComment(commentId: \"00000000-0000-0000-0000-000000000001\") { errors { code } } }",
            "mutation { addComment(videoId: \"00000000-0000-0000-0000-000000000001\", body: \"x\") { errors { "
                + "code } } }",
            "mutation { editComment(commentId: \"00000000-0000-0000-0000-000000000001\", body: \"x\") { errors { "
                + "code } } }",
            "mutation { deleteComment(commentId: \"00000000-0000-0000-0000-000000000001\") { errors { code } } }",
            "mutation { createPlaylist(title: \"x\") { errors { code } } }",
            "mutation { updatePlaylist(playlistId: \"00000000-0000-0000-0000-000000000001\", title: \"x\") { "
                + "errors { code } } }",
            "mutation { deletePlaylist(playlistId: \"00000000-0000-0000-0000-000000000001\") { errors { code } } }",
            "mutation { addPlaylistItem(playlistId: \"00000000-0000-0000-0000-000000000001\", videoId: "
                + "\"00000000-0000-0000-0000-000000000001\") { errors { code } } }",
            "mutation { removePlaylistItem(playlistId: \"00000000-0000-0000-0000-000000000001\", videoId: "
                + "\"00000000-0000-0000-0000-000000000001\") { errors { code } } }",
            "mutation { movePlaylistItem(playlistId: \"00000000-0000-0000-0000-000000000001\", videoId: "
                + "\"00000000-0000-0000-0000-000000000001\", position: 0) { errors { code } } }",
            "mutation { setWatchHistoryPaused(paused: true) { errors { code } } }",
            "mutation { clearWatchHistory { errors { code } } }",
            "mutation { createChannelImageUpload(kind: AVATAR, sizeBytes: 10) { errors { code } } }",
            "mutation { completeChannelImageUpload(kind: AVATAR, token: \"x\") { errors { code } } }",
            "mutation { removeChannelImage(kind: BANNER) { errors { code } } }",
            "mutation { deleteAccount(password: \"x\") { errors { code } } }",
            "{ feed { totalCount } }",
            "{ mySubscriptions { totalCount } }",
            "{ mySubscribers { totalCount } }",
            "{ watchHistory { totalCount } }",
            "{ dashboard { totalVideos } }",
        };

    [Theory]
    [MemberData(nameof(SignedInOnly))]
    public async Task Anonymous_callers_are_refused_with_not_authenticated(string operation)
    {
        var response = await fixture.Anonymous().SendAsync(operation);

        Assert.Equal(["NOT_AUTHENTICATED"], response.ErrorCodes);
    }

    [Fact]
    public async Task Another_user_cannot_remove_or_move_items_of_a_playlist()
    {
        var owner = await fixture.PersonAsync("plowner");
        var other = await fixture.PersonAsync("plother");
        var video = await Seed.VideoAsync(fixture.App, owner, "In a list");
        var playlist = (
            await owner.MutateAsync(
                "createPlaylist",
                "mutation { createPlaylist(title: \"Mine\") { playlist { id } errors { code } } }"
            )
        )["playlist"]!["id"]!.GetValue<string>();
        await owner.MutateAsync(
            "addPlaylistItem",
            "mutation($p: ID!, $v: ID!) { addPlaylistItem(playlistId: $p, videoId: $v) { errors { code } } }",
            new { p = playlist, v = video }
        );

        var remove = await other.SendAsync(
            "mutation($p: ID!, $v: ID!) { removePlaylistItem(playlistId: $p, videoId: $v) { errors { code } } }",
            new { p = playlist, v = video }
        );
        var move = await other.SendAsync(
            "mutation($p: ID!, $v: ID!) { movePlaylistItem(playlistId: $p, videoId: $v, position: 3) { errors { "
                + "code } } }",
            new { p = playlist, v = video }
        );
        var items = (
            await owner.SendAsync("query($p: ID!) { playlist(id: $p) { items { totalCount } } }", new { p = playlist })
        ).Ok()["playlist"]!["items"]!["totalCount"]!.GetValue<int>();

        Assert.Equal(["NOT_OWNER"], remove.ErrorCodes);
        Assert.Equal(["NOT_OWNER"], move.ErrorCodes);
        Assert.Equal(1, items);
    }
}

public sealed class PostgresAuthorizationTests(PostgresEngagementFixture fixture)
    : AuthorizationTests(fixture),
        IClassFixture<PostgresEngagementFixture>;

public sealed class SqliteAuthorizationTests(SqliteEngagementFixture fixture)
    : AuthorizationTests(fixture),
        IClassFixture<SqliteEngagementFixture>;
