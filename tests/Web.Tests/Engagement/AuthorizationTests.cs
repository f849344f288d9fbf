using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests.Engagement;

/// <summary>Every operation that needs an account refuses an anonymous caller with NOT_AUTHENTICATED, and
/// changes to another user's playlist are refused with NOT_OWNER.</summary>
public abstract class AuthorizationTests(EngagementFixture fixture)
{
    private static readonly string Channel = TestIds.Unknown("Channel");
    private static readonly string Video = TestIds.Unknown("Video");
    private static readonly string Comment = TestIds.Unknown("Comment");
    private static readonly string Playlist = TestIds.Unknown("Playlist");

    public static TheoryData<string, string> SignedInOnly =>
        new()
        {
            { "subscribeToChannel", $"channelId: \"{Channel}\"" },
            { "unsubscribeFromChannel", $"channelId: \"{Channel}\"" },
            { "likeVideo", $"videoId: \"{Video}\"" },
            { "unlikeVideo", $"videoId: \"{Video}\"" },
            { "likeComment", $"commentId: \"{Comment}\"" },
            { "unlikeComment", $"commentId: \"{Comment}\"" },
            { "addComment", $"videoId: \"{Video}\", body: \"x\"" },
            { "updateComment", $"commentId: \"{Comment}\", body: \"x\"" },
            { "deleteComment", $"commentId: \"{Comment}\"" },
            { "createPlaylist", "title: \"x\"" },
            { "updatePlaylist", $"playlistId: \"{Playlist}\", title: \"x\"" },
            { "deletePlaylist", $"playlistId: \"{Playlist}\"" },
            { "addPlaylistItem", $"playlistId: \"{Playlist}\", videoId: \"{Video}\"" },
            { "removePlaylistItem", $"playlistId: \"{Playlist}\", videoId: \"{Video}\"" },
            { "movePlaylistItem", $"playlistId: \"{Playlist}\", videoId: \"{Video}\", position: 0" },
            { "setWatchHistoryPaused", "paused: true" },
            { "clearWatchHistory", "" },
            { "removeFromWatchHistory", $"videoId: \"{Video}\"" },
            { "createChannelImageUpload", "kind: AVATAR, sizeBytes: 10" },
            { "completeChannelImageUpload", "kind: AVATAR, token: \"x\"" },
            { "removeChannelImage", "kind: BANNER" },
            { "deleteAccount", "password: \"x\"" },
            { "logout", "" },
            { "changePassword", "currentPassword: \"x\", newPassword: \"y\"" },
            { "createVideoUpload", "title: \"x\", fileName: \"a.mp4\", contentType: \"video/mp4\", sizeBytes: 10" },
        };

    public static TheoryData<string> ViewerLists =>
        new()
        {
            "feed { totalCount }",
            "subscriptions { totalCount }",
            "subscribers { totalCount }",
            "watchHistory { totalCount }",
            "dashboard { totalVideos }",
        };

    /// <summary>Authorization failures of a mutation arrive in its payload (the response has no errors, so one
    /// refused mutation never nulls a whole response).</summary>
    [Theory]
    [MemberData(nameof(SignedInOnly))]
    public async Task Anonymous_mutations_are_refused_in_their_payload_with_not_authenticated(
        string field,
        string input
    )
    {
        var response = await fixture
            .Anonymous()
            .SendAsync($"mutation {{ {field}(input: {{ {input} }}) {{ errors {{ code }} }} }}");

        Assert.Equal(["NOT_AUTHENTICATED"], response.PayloadErrorCodes(field));
    }

    [Theory]
    [MemberData(nameof(ViewerLists))]
    public async Task An_anonymous_caller_has_no_viewer_and_so_no_private_lists(string selection)
    {
        var response = await fixture.Anonymous().SendAsync($"{{ viewer {{ {selection} }} }}");

        Assert.Null(response.Ok()["viewer"]);
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
                "mutation { createPlaylist(input: { title: \"Mine\" }) { playlist { id } errors { code } } }"
            )
        )["playlist"]!["id"]!.GetValue<string>();
        await owner.MutateAsync(
            "addPlaylistItem",
            "mutation($p: ID!, $v: ID!) { addPlaylistItem(input: { playlistId: $p, videoId: $v }) { errors { code } "
                + "} }",
            new { p = playlist, v = video }
        );

        var remove = await other.SendAsync(
            "mutation($p: ID!, $v: ID!) { removePlaylistItem(input: { playlistId: $p, videoId: $v }) { errors { code "
                + "} } }",
            new { p = playlist, v = video }
        );
        var move = await other.SendAsync(
            "mutation($p: ID!, $v: ID!) { movePlaylistItem(input: { playlistId: $p, videoId: $v, position: 3 }) { "
                + "errors { "
                + "code } } }",
            new { p = playlist, v = video }
        );
        var items = (
            await owner.SendAsync("query($p: ID!) { playlist(id: $p) { items { totalCount } } }", new { p = playlist })
        ).Ok()["playlist"]!["items"]!["totalCount"]!.GetValue<int>();

        Assert.Equal(["NOT_OWNER"], remove.PayloadErrorCodes("removePlaylistItem"));
        Assert.Equal(["NOT_OWNER"], move.PayloadErrorCodes("movePlaylistItem"));
        Assert.Equal(1, items);
    }
}

public sealed class PostgresAuthorizationTests(PostgresEngagementFixture fixture)
    : AuthorizationTests(fixture),
        IClassFixture<PostgresEngagementFixture>;

public sealed class SqliteAuthorizationTests(SqliteEngagementFixture fixture)
    : AuthorizationTests(fixture),
        IClassFixture<SqliteEngagementFixture>;
