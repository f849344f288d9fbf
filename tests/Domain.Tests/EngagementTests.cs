using StreamEngine.Domain.Engagement;
using StreamEngine.Domain.Playlists;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Domain.Tests;

public sealed class EngagementTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("  hello  ", "hello")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void A_comment_body_is_trimmed_and_must_not_be_empty(string? body, string? expected) =>
        Assert.Equal(expected, Comment.NormalizeBody(body));

    [Fact]
    public void A_comment_body_has_a_maximum_length()
    {
        Assert.NotNull(Comment.NormalizeBody(new string('a', Comment.MaxBodyLength)));
        Assert.Null(Comment.NormalizeBody(new string('a', Comment.MaxBodyLength + 1)));
    }

    [Fact]
    public void Replies_are_one_level_deep()
    {
        var video = Guid.NewGuid();
        var top = Comment.Create(video, Guid.NewGuid(), null, "top", Now);
        var reply = Comment.Create(video, Guid.NewGuid(), top, "reply", Now);

        Assert.Equal(top.Id, reply.ParentId);
        Assert.Throws<InvalidOperationException>(() => Comment.Create(video, Guid.NewGuid(), reply, "deeper", Now));
    }

    [Theory]
    [InlineData(Visibility.Public, true, true)]
    [InlineData(Visibility.Unlisted, true, false)]
    [InlineData(Visibility.Private, false, false)]
    public void A_playlist_opens_and_lists_by_its_visibility(
        Visibility visibility,
        bool opensForOthers,
        bool listedForOthers
    )
    {
        var owner = Guid.NewGuid();
        var playlist = Playlist.Create(owner, "Mix", null, visibility, Now);

        Assert.Equal(opensForOthers, playlist.CanBeOpenedBy(Guid.NewGuid()));
        Assert.Equal(opensForOthers, playlist.CanBeOpenedBy(null));
        Assert.Equal(listedForOthers, Playlist.ListedFor(Guid.NewGuid()).Compile()(playlist));
        Assert.True(playlist.CanBeOpenedBy(owner));
        Assert.True(Playlist.ListedFor(owner).Compile()(playlist));
    }

    [Fact]
    public void Updating_a_playlist_keeps_what_is_left_out_and_clears_an_empty_description()
    {
        var playlist = Playlist.Create(Guid.NewGuid(), "Mix", "About", Visibility.Public, Now);

        playlist.Update(null, null, Visibility.Unlisted, Now.AddMinutes(1));
        Assert.Equal(
            ("Mix", "About", Visibility.Unlisted),
            (playlist.Title, playlist.Description, playlist.Visibility)
        );
        playlist.Update("New", "", null, Now.AddMinutes(2));
        Assert.Equal(
            ("New", (string?)null, Visibility.Unlisted),
            (playlist.Title, playlist.Description, playlist.Visibility)
        );
        Assert.Equal(Now.AddMinutes(2), playlist.UpdatedAt);
    }

    [Fact]
    public void A_video_is_listed_for_others_only_when_ready_and_public()
    {
        var owner = Guid.NewGuid();
        var video = Video.Create(owner, "Clip", null, Now);
        Assert.False(Listed(video, Guid.NewGuid()));
        Assert.True(Listed(video, owner));

        video.MarkUploaded(100, 10, 640, 360, Now);
        video.MarkReady([new Rendition("360p", 640, 360, 1, 1, "avc1")], 10, 640, 360, Now);
        Assert.True(Listed(video, null));

        video.Edit(null, null, Visibility.Unlisted, Now);
        Assert.False(Listed(video, null));
        Assert.True(Listed(video, owner));
    }

    private static bool Listed(Video video, Guid? viewer) => Video.ListedFor(viewer).Compile()(video);
}
