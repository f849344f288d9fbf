using System.Text.Json.Nodes;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Web.Tests.Engagement;

public abstract partial class EngagementTests
{
    [Fact]
    public async Task Playlists_are_owned_ordered_unique_per_video_and_respect_visibility()
    {
        var owner = await fixture.PersonAsync("curator");
        var stranger = await fixture.PersonAsync("stranger");
        var a = await Seed.VideoAsync(App, owner, "A");
        var b = await Seed.VideoAsync(App, owner, "B");
        var c = await Seed.VideoAsync(App, stranger, "C");
        var strangersPrivate = await Seed.VideoAsync(
            App,
            stranger,
            "Stranger's private",
            visibility: Visibility.Private
        );
        const string create =
            "mutation($t: String!, $v: Visibility) { createPlaylist(input: { title: $t, visibility: $v }) { playlist "
            + "{ id "
            + "title visibility } errors { code field } } }";
        const string addItem =
            "mutation($p: ID!, $v: ID!, $i: Int) { addPlaylistItem(input: { playlistId: $p, videoId: $v, position: "
            + "$i }) { "
            + "playlist { items { totalCount nodes { position video { title } } } } errors { code } } }";
        const string move =
            "mutation($p: ID!, $v: ID!, $i: Int!) { movePlaylistItem(input: { playlistId: $p, videoId: $v, position: "
            + "$i }) { "
            + "playlist { items { nodes { video { title } } } } errors { code } } }";
        const string remove =
            "mutation($p: ID!, $v: ID!) { removePlaylistItem(input: { playlistId: $p, videoId: $v }) { playlist { "
            + "items { "
            + "nodes { video { title } } } } errors { code } } }";
        const string update =
            "mutation($p: ID!, $t: String, $v: Visibility) { updatePlaylist(input: { playlistId: $p, title: $t, "
            + "visibility: $v }) { playlist { title visibility } errors { code } } }";

        var playlist = (await owner.MutateAsync("createPlaylist", create, new { t = "Favourites" }))["playlist"]![
            "id"
        ]!.GetValue<string>();
        var badTitle = await owner.SendAsync(create, new { t = "  " });
        await owner.MutateAsync("addPlaylistItem", addItem, new { p = playlist, v = a });
        await owner.MutateAsync("addPlaylistItem", addItem, new { p = playlist, v = b });
        var withC = (
            await owner.MutateAsync(
                "addPlaylistItem",
                addItem,
                new
                {
                    p = playlist,
                    v = c,
                    i = 0,
                }
            )
        )["playlist"]!;
        var duplicate = await owner.SendAsync(addItem, new { p = playlist, v = a });
        var privateOfOther = await owner.SendAsync(addItem, new { p = playlist, v = strangersPrivate });
        var byStranger = await stranger.SendAsync(addItem, new { p = playlist, v = c });
        var moved = (
            await owner.MutateAsync(
                "movePlaylistItem",
                move,
                new
                {
                    p = playlist,
                    v = c,
                    i = 5,
                }
            )
        )["playlist"]!;
        var removed = (await owner.MutateAsync("removePlaylistItem", remove, new { p = playlist, v = a }))["playlist"]!;
        var removedAgain = await owner.SendAsync(remove, new { p = playlist, v = a });
        var renameByStranger = await stranger.SendAsync(update, new { p = playlist, t = "Mine" });

        Assert.Equal(["INVALID_TITLE"], badTitle.PayloadErrorCodes("createPlaylist"));
        Assert.Equal(["C", "A", "B"], Titles(withC["items"]!, "video"));
        Assert.Equal([0, 1, 2], withC["items"]!["nodes"]!.AsArray().Select(n => n!["position"]!.GetValue<int>()));
        Assert.Equal(["ALREADY_IN_PLAYLIST"], duplicate.PayloadErrorCodes("addPlaylistItem"));
        Assert.Equal(["VIDEO_NOT_FOUND"], privateOfOther.PayloadErrorCodes("addPlaylistItem"));
        Assert.Equal(["NOT_OWNER"], byStranger.MutationErrorCodes);
        Assert.Equal(["A", "B", "C"], Titles(moved["items"]!, "video"));
        Assert.Equal(["B", "C"], Titles(removed["items"]!, "video"));
        Assert.Equal(["NOT_IN_PLAYLIST"], removedAgain.PayloadErrorCodes("removePlaylistItem"));
        Assert.Equal(["NOT_OWNER"], renameByStranger.MutationErrorCodes);

        // Unlisted: opened by its id, not listed on the channel; private: the owner's alone.
        const string open = "query($p: ID!) { playlist(id: $p) { title items { totalCount } } }";
        const string listed = "query($h: String!) { channel(handle: $h) { playlists { totalCount } } }";
        await owner.MutateAsync(
            "updatePlaylist",
            update,
            new
            {
                p = playlist,
                t = "Watch later",
                v = "UNLISTED",
            }
        );
        var unlistedOpened = (await stranger.SendAsync(open, new { p = playlist })).Ok()["playlist"]!;
        var unlistedCount = (await stranger.SendAsync(listed, new { h = owner.Handle })).Ok()["channel"]!["playlists"]![
            "totalCount"
        ]!.GetValue<int>();
        await owner.MutateAsync("updatePlaylist", update, new { p = playlist, v = "PRIVATE" });
        var privateOpened = (await stranger.SendAsync(open, new { p = playlist })).Ok()["playlist"];
        var ownerOpened = (await owner.SendAsync(open, new { p = playlist })).Ok()["playlist"]!;
        var ownerCount = (await owner.SendAsync(listed, new { h = owner.Handle })).Ok()["channel"]!["playlists"]![
            "totalCount"
        ]!.GetValue<int>();
        var privateAdd = await stranger.SendAsync(addItem, new { p = playlist, v = c });

        Assert.Equal("Watch later", unlistedOpened["title"]!.GetValue<string>());
        Assert.Equal(0, unlistedCount);
        Assert.Null(privateOpened);
        Assert.Equal(2, ownerOpened["items"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(1, ownerCount);
        Assert.Equal(["PLAYLIST_NOT_FOUND"], privateAdd.PayloadErrorCodes("addPlaylistItem"));

        const string delete =
            "mutation($p: ID!) { deletePlaylist(input: { playlistId: $p }) { deletedPlaylistId errors { code } } }";
        Assert.Equal(
            ["PLAYLIST_NOT_FOUND"],
            (await stranger.SendAsync(delete, new { p = playlist })).PayloadErrorCodes("deletePlaylist")
        );
        await owner.MutateAsync("updatePlaylist", update, new { p = playlist, v = "PUBLIC" });
        Assert.Equal(["NOT_OWNER"], (await stranger.SendAsync(delete, new { p = playlist })).MutationErrorCodes);
        await owner.MutateAsync("deletePlaylist", delete, new { p = playlist });
        Assert.Null((await owner.SendAsync(open, new { p = playlist })).Ok()["playlist"]);
    }

    [Fact]
    public async Task Views_count_once_per_viewer_per_window_and_history_is_bounded_pausable_and_clearable()
    {
        var owner = await fixture.PersonAsync("viewed");
        var viewer = await fixture.PersonAsync("viewer");
        var videos = new List<string>();
        for (var i = 0; i < EngagementFixture.HistoryLimit + 2; i++)
        {
            videos.Add(await Seed.VideoAsync(App, owner, "Clip " + i));
        }

        const string view =
            "mutation($v: ID!) { recordView(input: { videoId: $v }) { counted video { viewCount } errors { code } } }";
        const string history = "{ viewer { watchHistory { totalCount nodes { title } } } }";
        var first = await viewer.MutateAsync("recordView", view, new { v = videos[0] });
        var second = await viewer.MutateAsync("recordView", view, new { v = videos[0] });
        var anonymous = (await fixture.Anonymous().SendAsync(view, new { v = videos[0] })).Ok()["recordView"]!;
        var anonymousAgain = (await fixture.Anonymous().SendAsync(view, new { v = videos[0] })).Ok()["recordView"]!;
        var readOnly = (
            await viewer.SendAsync("query($v: ID!) { video(id: $v) { viewCount } }", new { v = videos[0] })
        ).Ok()["video"]!;

        Assert.True(first["counted"]!.GetValue<bool>());
        Assert.False(second["counted"]!.GetValue<bool>());
        Assert.True(anonymous["counted"]!.GetValue<bool>());
        Assert.False(anonymousAgain["counted"]!.GetValue<bool>());
        Assert.Equal(2, readOnly["viewCount"]!.GetValue<long>());

        // After the window, the same viewer counts again.
        App.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.True((await viewer.MutateAsync("recordView", view, new { v = videos[0] }))["counted"]!.GetValue<bool>());

        foreach (var video in videos.Skip(1))
        {
            await viewer.MutateAsync("recordView", view, new { v = video });
        }

        await viewer.MutateAsync("recordView", view, new { v = videos[1] });
        var bounded = (await viewer.SendAsync(history)).Ok()["viewer"]!["watchHistory"]!;
        Assert.Equal(EngagementFixture.HistoryLimit, bounded["totalCount"]!.GetValue<int>());
        Assert.Equal(["Clip 1", "Clip 6", "Clip 5", "Clip 4", "Clip 3"], Titles(bounded));

        await viewer.MutateAsync(
            "setWatchHistoryPaused",
            "mutation { setWatchHistoryPaused(input: { paused: true }) { viewer { watchHistoryPaused } errors { code "
                + "} } }"
        );
        await viewer.MutateAsync("recordView", view, new { v = videos[2] });
        var paused = (await viewer.SendAsync(history)).Ok()["viewer"]!["watchHistory"]!;
        Assert.Equal("Clip 1", Titles(paused)[0]);
        Assert.True(
            (await viewer.SendAsync("{ me: viewer { watchHistoryPaused } }")).Ok()["me"]![
                "watchHistoryPaused"
            ]!.GetValue<bool>()
        );

        var one = await viewer.MutateAsync(
            "removeFromWatchHistory",
            "mutation($v: ID!) { removeFromWatchHistory(input: { videoId: $v }) { removedCount errors { code } } }",
            new { v = videos[1] }
        );
        var all = await viewer.MutateAsync(
            "clearWatchHistory",
            "mutation { clearWatchHistory { removedCount errors { code } } }"
        );
        Assert.Equal(1, one["removedCount"]!.GetValue<int>());
        Assert.Equal(EngagementFixture.HistoryLimit - 1, all["removedCount"]!.GetValue<int>());
        Assert.Equal(
            0,
            (await viewer.SendAsync(history)).Ok()["viewer"]!["watchHistory"]!["totalCount"]!.GetValue<int>()
        );
        Assert.Null((await fixture.Anonymous().SendAsync(history)).Ok()["viewer"]);
        Assert.Equal(
            ["NOT_AUTHENTICATED"],
            (
                await fixture.Anonymous().SendAsync("mutation { clearWatchHistory { removedCount errors { code } } }")
            ).MutationErrorCodes
        );
    }

    [Fact]
    public async Task The_dashboard_totals_are_not_multiplied_by_joins()
    {
        var owner = await fixture.PersonAsync("dash");
        var fans = new List<Person>();
        for (var i = 0; i < 3; i++)
        {
            fans.Add(await fixture.PersonAsync("dashfan" + i));
        }

        var one = await Seed.VideoAsync(App, owner, "One");
        var two = await Seed.VideoAsync(App, owner, "Two");
        await Seed.VideoAsync(App, owner, "Draft", status: VideoStatus.AwaitingUpload);
        foreach (var fan in fans)
        {
            await fan.MutateAsync(
                "likeVideo",
                "mutation($v: ID!) { likeVideo(input: { videoId: $v }) { errors { code } } }",
                new { v = one }
            );
            await fan.MutateAsync(
                "recordView",
                "mutation($v: ID!) { recordView(input: { videoId: $v }) { errors { code } } }",
                new { v = one }
            );
            await fan.MutateAsync(
                "addComment",
                "mutation($v: ID!) { addComment(input: { videoId: $v, body: \"nice\" }) { errors { code } } }",
                new { v = one }
            );
            await fan.MutateAsync(
                "addComment",
                "mutation($v: ID!) { addComment(input: { videoId: $v, body: \"also nice\" }) { errors { code } } }",
                new { v = two }
            );
            await fan.MutateAsync(
                "subscribeToChannel",
                "mutation($c: ID!) { subscribeToChannel(input: { channelId: $c }) { errors { code } } }",
                new { c = owner.ChannelId }
            );
        }

        await fans[0]
            .MutateAsync(
                "likeVideo",
                "mutation($v: ID!) { likeVideo(input: { videoId: $v }) { errors { code } } }",
                new { v = two }
            );
        var dashboard = (
            await owner.SendAsync(
                "{ viewer { dashboard { totalVideos totalViews totalLikes totalComments subscriberCount "
                    + "videos(orderBy: "
                    + "OLDEST) { nodes { title status viewCount likeCount commentCount } } } } }"
            )
        ).Ok()["viewer"]!["dashboard"]!;
        var perVideo = dashboard["videos"]!["nodes"]!.AsArray();

        Assert.Equal(3, dashboard["totalVideos"]!.GetValue<int>());
        Assert.Equal(3, dashboard["totalViews"]!.GetValue<long>());
        Assert.Equal(4, dashboard["totalLikes"]!.GetValue<long>());
        Assert.Equal(6, dashboard["totalComments"]!.GetValue<long>());
        Assert.Equal(3, dashboard["subscriberCount"]!.GetValue<long>());
        Assert.Equal(["One", "Two", "Draft"], perVideo.Select(v => v!["title"]!.GetValue<string>()));
        Assert.Equal([3L, 0L, 0L], perVideo.Select(v => v!["viewCount"]!.GetValue<long>()));
        Assert.Equal([3L, 1L, 0L], perVideo.Select(v => v!["likeCount"]!.GetValue<long>()));
        Assert.Equal([3L, 3L, 0L], perVideo.Select(v => v!["commentCount"]!.GetValue<long>()));
        Assert.Null((await fixture.Anonymous().SendAsync("{ viewer { dashboard { totalVideos } } }")).Ok()["viewer"]);
    }

    internal static List<string> Titles(JsonNode connection, string? inner = null) =>
        [.. connection["nodes"]!.AsArray().Select(n => (inner is null ? n : n![inner])!["title"]!.GetValue<string>())];
}
