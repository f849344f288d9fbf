using StreamEngine.Domain.Videos;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests.Engagement;

/// <summary>Channels, subscriptions, comments, likes, playlists, views, history and the dashboard through the public
/// GraphQL API, each authorization failure tried as another user.</summary>
public abstract partial class EngagementTests(EngagementFixture fixture)
{
    private StreamEngineApp App => fixture.App;

    [Fact]
    public async Task A_channel_shows_its_public_face_and_never_the_email()
    {
        var owner = await fixture.PersonAsync("chan");
        await Seed.VideoAsync(App, owner, "Public one");
        await Seed.VideoAsync(App, owner, "Private one", visibility: Visibility.Private);
        await Seed.VideoAsync(App, owner, "Still processing", status: VideoStatus.Processing);
        const string query =
            "query($h: String!) { channel(handle: $h) { id handle displayName subscriberCount viewerIsSubscribed "
            + "avatarUrl videos { totalCount nodes { title } } playlists { totalCount } } }";

        var seen = (await fixture.Anonymous().SendAsync(query, new { h = owner.Handle })).Ok()["channel"]!;
        var own = (await owner.SendAsync(query, new { h = owner.Handle })).Ok()["channel"]!;
        var missing = (
            await fixture.Anonymous().SendAsync(query, new { h = "nobody_here_" + Guid.NewGuid().ToString("N")[..6] })
        ).Ok()["channel"];
        var emailOnChannel = await fixture
            .Anonymous()
            .SendAsync("query($h: String!) { channel(handle: $h) { email } }", new { h = owner.Handle });

        Assert.Equal(owner.ChannelId, seen["id"]!.GetValue<string>());
        Assert.Equal(0, seen["subscriberCount"]!.GetValue<long>());
        Assert.False(seen["viewerIsSubscribed"]!.GetValue<bool>());
        Assert.Null(seen["avatarUrl"]);
        Assert.Equal(["Public one"], Titles(seen["videos"]!));
        Assert.Equal(3, own["videos"]!["totalCount"]!.GetValue<int>());
        Assert.Null(missing);
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], emailOnChannel.ErrorCodes);
    }

    [Fact]
    public async Task Subscriptions_are_idempotent_unique_not_to_yourself_and_feed_the_feed()
    {
        var creator = await fixture.PersonAsync("creator");
        var other = await fixture.PersonAsync("othercreator");
        var fan = await fixture.PersonAsync("fan");
        var older = await Seed.VideoAsync(App, creator, "Older", createdAt: DateTimeOffset.UtcNow.AddMinutes(-5));
        await Seed.VideoAsync(App, creator, "Hidden", visibility: Visibility.Unlisted);
        await Seed.VideoAsync(App, other, "Other's first");
        var newer = await Seed.VideoAsync(App, other, "Newer from other");
        const string subscribe =
            "mutation($id: ID!) { subscribeToChannel(input: { channelId: $id }) { channel { subscriberCount "
            + "viewerIsSubscribed } "
            + "errors { code } } }";
        const string unsubscribe =
            "mutation($id: ID!) { unsubscribeFromChannel(input: { channelId: $id }) { channel { subscriberCount "
            + "viewerIsSubscribed } "
            + "errors { code } } }";

        await fan.MutateAsync("subscribeToChannel", subscribe, new { id = creator.ChannelId });
        var twice = await fan.MutateAsync("subscribeToChannel", subscribe, new { id = creator.ChannelId });
        await fan.MutateAsync("subscribeToChannel", subscribe, new { id = other.ChannelId });
        var self = await creator.SendAsync(subscribe, new { id = creator.ChannelId });
        var unknown = await fan.SendAsync(subscribe, new { id = TestIds.Unknown("Channel") });
        var anonymous = await fixture.Anonymous().SendAsync(subscribe, new { id = creator.ChannelId });
        var feed = (await fan.SendAsync("{ viewer { feed { totalCount nodes { id title } } } }")).Ok()["viewer"]![
            "feed"
        ]!;
        var mine = (await fan.SendAsync("{ viewer { subscriptions { totalCount nodes { handle } } } }")).Ok()[
            "viewer"
        ]!["subscriptions"]!;
        var theirs = (await creator.SendAsync("{ viewer { subscribers { totalCount nodes { handle } } } }")).Ok()[
            "viewer"
        ]!["subscribers"]!;

        Assert.Equal(1, twice["channel"]!["subscriberCount"]!.GetValue<long>());
        Assert.True(twice["channel"]!["viewerIsSubscribed"]!.GetValue<bool>());
        Assert.Equal(["CANNOT_SUBSCRIBE_TO_SELF"], self.PayloadErrorCodes("subscribeToChannel"));
        Assert.Equal(["CHANNEL_NOT_FOUND"], unknown.PayloadErrorCodes("subscribeToChannel"));
        Assert.Equal(["NOT_AUTHENTICATED"], anonymous.MutationErrorCodes);
        Assert.Equal(["Newer from other", "Other's first", "Older"], Titles(feed));
        Assert.Equal(
            [other.Handle, creator.Handle],
            mine["nodes"]!.AsArray().Select(n => n!["handle"]!.GetValue<string>())
        );
        Assert.Equal([fan.Handle], theirs["nodes"]!.AsArray().Select(n => n!["handle"]!.GetValue<string>()));

        var left = await fan.MutateAsync("unsubscribeFromChannel", unsubscribe, new { id = creator.ChannelId });
        var again = await fan.MutateAsync("unsubscribeFromChannel", unsubscribe, new { id = creator.ChannelId });
        Assert.Equal(0, left["channel"]!["subscriberCount"]!.GetValue<long>());
        Assert.Equal(0, again["channel"]!["subscriberCount"]!.GetValue<long>());
        Assert.False(again["channel"]!["viewerIsSubscribed"]!.GetValue<bool>());
        Assert.Null((await fixture.Anonymous().SendAsync("{ viewer { feed { totalCount } } }")).Ok()["viewer"]);
        Assert.Null(
            (await fixture.Anonymous().SendAsync("{ viewer { subscriptions { totalCount } } }")).Ok()["viewer"]
        );
    }

    [Fact]
    public async Task Comments_reply_one_level_edit_by_author_delete_by_author_or_video_owner_with_counts_kept()
    {
        var owner = await fixture.PersonAsync("vidowner");
        var alice = await fixture.PersonAsync("alice");
        var bob = await fixture.PersonAsync("bob");
        var video = await Seed.VideoAsync(App, owner, "Talk");
        var privateVideo = await Seed.VideoAsync(App, owner, "Secret", visibility: Visibility.Private);
        const string add =
            "mutation($v: ID!, $b: String!, $p: ID) { addComment(input: { videoId: $v, body: $b, parentId: $p }) { "
            + "comment { "
            + "id body parent { id } replyCount author { handle } } errors { code field } } }";

        var top = (await alice.MutateAsync("addComment", add, new { v = video, b = "  First!  " }))["comment"]!;
        var topId = top["id"]!.GetValue<string>();
        var reply = (
            await bob.MutateAsync(
                "addComment",
                add,
                new
                {
                    v = video,
                    b = "A reply",
                    p = topId,
                }
            )
        )["comment"]!;
        await owner.MutateAsync(
            "addComment",
            add,
            new
            {
                v = video,
                b = "Second reply",
                p = topId,
            }
        );
        var deeper = await alice.SendAsync(
            add,
            new
            {
                v = video,
                b = "Too deep",
                p = reply["id"]!.GetValue<string>(),
            }
        );
        var empty = await alice.SendAsync(add, new { v = video, b = "   " });
        var hidden = await alice.SendAsync(add, new { v = privateVideo, b = "Hello?" });
        var anonymous = await fixture.Anonymous().SendAsync(add, new { v = video, b = "Hi" });
        const string read =
            "query($v: ID!) { video(id: $v) { commentCount comments { totalCount nodes { body replyCount replies "
            + "{ totalCount nodes { body author { handle } } } } } } }";
        var listed = (await fixture.Anonymous().SendAsync(read, new { v = video })).Ok()["video"]!;

        Assert.Equal("First!", top["body"]!.GetValue<string>());
        Assert.Equal(alice.Handle, top["author"]!["handle"]!.GetValue<string>());
        Assert.Equal(["REPLY_TOO_DEEP"], deeper.PayloadErrorCodes("addComment"));
        Assert.Equal(["INVALID_COMMENT"], empty.PayloadErrorCodes("addComment"));
        Assert.Equal(["VIDEO_NOT_FOUND"], hidden.PayloadErrorCodes("addComment"));
        Assert.Equal(["NOT_AUTHENTICATED"], anonymous.MutationErrorCodes);
        Assert.Equal(3, listed["commentCount"]!.GetValue<long>());
        Assert.Equal(1, listed["comments"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(2, listed["comments"]!["nodes"]![0]!["replyCount"]!.GetValue<long>());
        Assert.Equal(
            ["A reply", "Second reply"],
            listed["comments"]!["nodes"]![0]!["replies"]!["nodes"]!
                .AsArray()
                .Select(n => n!["body"]!.GetValue<string>())
        );

        const string edit =
            "mutation($c: ID!, $b: String!) { updateComment(input: { commentId: $c, body: $b }) { comment { body "
            + "editedAt } "
            + "errors { code } } }";
        const string delete =
            "mutation($c: ID!) { deleteComment(input: { commentId: $c }) { deletedCommentId errors { code } } }";
        var edited = (await alice.MutateAsync("updateComment", edit, new { c = topId, b = "First (edited)" }))[
            "comment"
        ]!;
        var editByOther = await bob.SendAsync(edit, new { c = topId, b = "Mine now" });
        var deleteByOther = await bob.SendAsync(delete, new { c = topId });
        await bob.MutateAsync("deleteComment", delete, new { c = reply["id"]!.GetValue<string>() });
        var afterReplyGone = (await fixture.Anonymous().SendAsync(read, new { v = video })).Ok()["video"]!;

        Assert.Equal("First (edited)", edited["body"]!.GetValue<string>());
        Assert.NotNull(edited["editedAt"]);
        Assert.Equal(["NOT_OWNER"], editByOther.MutationErrorCodes);
        Assert.Equal(["NOT_OWNER"], deleteByOther.MutationErrorCodes);
        Assert.Equal(2, afterReplyGone["commentCount"]!.GetValue<long>());
        Assert.Equal(1, afterReplyGone["comments"]!["nodes"]![0]!["replyCount"]!.GetValue<long>());

        // The video's owner may delete anyone's comment; its replies go with it.
        await owner.MutateAsync("deleteComment", delete, new { c = topId });
        var afterTopGone = (await fixture.Anonymous().SendAsync(read, new { v = video })).Ok()["video"]!;
        Assert.Equal(0, afterTopGone["commentCount"]!.GetValue<long>());
        Assert.Equal(0, afterTopGone["comments"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(
            ["COMMENT_NOT_FOUND"],
            (await alice.SendAsync(edit, new { c = topId, b = "x" })).PayloadErrorCodes("updateComment")
        );
    }

    [Fact]
    public async Task Likes_are_one_per_user_idempotent_and_show_the_viewers_own_state()
    {
        var owner = await fixture.PersonAsync("likedowner");
        var fan = await fixture.PersonAsync("liker");
        var other = await fixture.PersonAsync("otherliker");
        var video = await Seed.VideoAsync(App, owner, "Likeable");
        var privateVideo = await Seed.VideoAsync(App, owner, "Private", visibility: Visibility.Private);
        const string like =
            "mutation($v: ID!) { likeVideo(input: { videoId: $v }) { video { likeCount viewerHasLiked } errors { "
            + "code } } }";
        const string unlike =
            "mutation($v: ID!) { unlikeVideo(input: { videoId: $v }) { video { likeCount viewerHasLiked } errors { "
            + "code } } }";
        const string state = "query($v: ID!) { video(id: $v) { likeCount viewerHasLiked } }";

        await fan.MutateAsync("likeVideo", like, new { v = video });
        var twice = (await fan.MutateAsync("likeVideo", like, new { v = video }))["video"]!;
        await other.MutateAsync("likeVideo", like, new { v = video });
        var asFan = (await fan.SendAsync(state, new { v = video })).Ok()["video"]!;
        var asAnonymous = (await fixture.Anonymous().SendAsync(state, new { v = video })).Ok()["video"]!;
        var hidden = await fan.SendAsync(like, new { v = privateVideo });
        var anonymous = await fixture.Anonymous().SendAsync(like, new { v = video });

        Assert.Equal(1, twice["likeCount"]!.GetValue<long>());
        Assert.True(twice["viewerHasLiked"]!.GetValue<bool>());
        Assert.Equal(2, asFan["likeCount"]!.GetValue<long>());
        Assert.True(asFan["viewerHasLiked"]!.GetValue<bool>());
        Assert.False(asAnonymous["viewerHasLiked"]!.GetValue<bool>());
        Assert.Equal(["VIDEO_NOT_FOUND"], hidden.PayloadErrorCodes("likeVideo"));
        Assert.Equal(["NOT_AUTHENTICATED"], anonymous.MutationErrorCodes);

        await fan.MutateAsync("unlikeVideo", unlike, new { v = video });
        var again = (await fan.MutateAsync("unlikeVideo", unlike, new { v = video }))["video"]!;
        Assert.Equal(1, again["likeCount"]!.GetValue<long>());
        Assert.False(again["viewerHasLiked"]!.GetValue<bool>());

        var comment = (
            await owner.MutateAsync(
                "addComment",
                "mutation($v: ID!) { addComment(input: { videoId: $v, body: \"Thanks!\" }) { comment { id } errors { "
                    + "code } } }",
                new { v = video }
            )
        )["comment"]!["id"]!.GetValue<string>();
        const string likeComment =
            "mutation($c: ID!) { likeComment(input: { commentId: $c }) { comment { likeCount viewerHasLiked } errors "
            + "{ code } } }";
        const string unlikeComment =
            "mutation($c: ID!) { unlikeComment(input: { commentId: $c }) { comment { likeCount viewerHasLiked } "
            + "errors { "
            + "code } } }";
        await fan.MutateAsync("likeComment", likeComment, new { c = comment });
        var commentTwice = (await fan.MutateAsync("likeComment", likeComment, new { c = comment }))["comment"]!;
        var seenByOther = (
            await other.SendAsync(
                "query($v: ID!) { video(id: $v) { comments { nodes { likeCount viewerHasLiked } } } }",
                new { v = video }
            )
        ).Ok()["video"]!["comments"]!["nodes"]![0]!;
        var unliked = (await fan.MutateAsync("unlikeComment", unlikeComment, new { c = comment }))["comment"]!;
        var missing = await fan.SendAsync(likeComment, new { c = TestIds.Unknown("Comment") });

        Assert.Equal(1, commentTwice["likeCount"]!.GetValue<long>());
        Assert.True(commentTwice["viewerHasLiked"]!.GetValue<bool>());
        Assert.Equal(1, seenByOther["likeCount"]!.GetValue<long>());
        Assert.False(seenByOther["viewerHasLiked"]!.GetValue<bool>());
        Assert.Equal(0, unliked["likeCount"]!.GetValue<long>());
        Assert.Equal(["COMMENT_NOT_FOUND"], missing.PayloadErrorCodes("likeComment"));
    }
}

public sealed class PostgresEngagementTests(PostgresEngagementFixture fixture)
    : EngagementTests(fixture),
        IClassFixture<PostgresEngagementFixture>;

public sealed class SqliteEngagementTests(SqliteEngagementFixture fixture)
    : EngagementTests(fixture),
        IClassFixture<SqliteEngagementFixture>;
