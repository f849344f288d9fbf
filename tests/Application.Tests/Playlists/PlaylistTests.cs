using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Playlists;
using StreamEngine.Domain.Playlists;
using StreamEngine.Domain.Videos;
using StreamEngine.Fakes;

namespace StreamEngine.Application.Tests.Playlists;

/// <summary>A signed-in owner with one playlist and three of their videos.</summary>
public abstract class PlaylistTestBase : IDisposable
{
    protected PlaylistTestBase()
    {
        Owner = World.SignIn().Id;
        Videos = [World.AddVideo(Owner), World.AddVideo(Owner), World.AddVideo(Owner)];
        Playlist = World.Get<CreatePlaylist>().Handle(new("Mix", null, Visibility.Public), default).Result.Value!;
    }

    protected UseCaseWorld World { get; } = new();

    protected Guid Owner { get; }

    protected Video[] Videos { get; }

    protected Playlist Playlist { get; }

    protected List<Guid> Order() => [.. World.Playlists.Ordered(Playlist.Id).Select(i => i.VideoId)];

    protected void ActAsStranger() => World.SignIn("bob_films");

    public void Dispose()
    {
        World.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class CreatePlaylistTests : PlaylistTestBase
{
    [Fact]
    public async Task A_title_is_required_and_an_anonymous_caller_creates_nothing()
    {
        var untitled = await World.Get<CreatePlaylist>().Handle(new(" ", null, Visibility.Public), default);
        World.Caller.SignOut();
        var anonymous = await World.Get<CreatePlaylist>().Handle(new("Mix 2", null, Visibility.Public), default);

        Assert.Equal("INVALID_TITLE", untitled.Errors[0].Code);
        Assert.Equal("NOT_AUTHENTICATED", anonymous.Errors[0].Code);
        Assert.Equal([Playlist], World.Playlists.All);
    }
}

public sealed class GetPlaylistTests : PlaylistTestBase
{
    [Fact]
    public async Task A_private_playlist_opens_for_its_owner_only()
    {
        await World.Get<UpdatePlaylist>().Handle(new(Playlist.Id, null, null, Visibility.Private), default);

        var own = await World.Get<GetPlaylist>().Handle(Playlist.Id, default);
        ActAsStranger();
        var stranger = await World.Get<GetPlaylist>().Handle(Playlist.Id, default);

        Assert.Same(Playlist, own);
        Assert.Null(stranger);
    }
}

public sealed class UpdatePlaylistTests : PlaylistTestBase
{
    [Fact]
    public async Task A_stranger_cannot_rename_and_left_out_fields_stay()
    {
        ActAsStranger();
        var refused = await World.Get<UpdatePlaylist>().Handle(new(Playlist.Id, "Theirs", null, null), default);
        World.Caller.SignIn(Owner);
        var renamed = await World.Get<UpdatePlaylist>().Handle(new(Playlist.Id, "Mix 2", null, null), default);

        Assert.Equal("NOT_OWNER", refused.Errors[0].Code);
        Assert.Equal(("Mix 2", Visibility.Public), (renamed.Value!.Title, renamed.Value.Visibility));
    }
}

public sealed class DeletePlaylistTests : PlaylistTestBase
{
    [Fact]
    public async Task Deleting_removes_the_playlist_and_its_items_but_not_the_videos()
    {
        await World.Get<AddPlaylistItem>().Handle(new(Playlist.Id, Videos[0].Id, null), default);

        var deleted = await World.Get<DeletePlaylist>().Handle(Playlist.Id, default);

        Assert.Equal(Playlist.Id, deleted.Value);
        Assert.Empty(World.Playlists.All);
        Assert.Empty(World.Playlists.Items);
        Assert.Equal(3, World.Videos.All.Count);
    }
}

public sealed class AddPlaylistItemTests : PlaylistTestBase
{
    [Fact]
    public async Task A_video_is_added_once_at_the_end_or_at_a_position()
    {
        var add = World.Get<AddPlaylistItem>();
        await add.Handle(new(Playlist.Id, Videos[0].Id, null), default);
        await add.Handle(new(Playlist.Id, Videos[1].Id, null), default);
        await add.Handle(new(Playlist.Id, Videos[2].Id, 0), default);
        var twice = await add.Handle(new(Playlist.Id, Videos[0].Id, null), default);

        Assert.Equal([Videos[2].Id, Videos[0].Id, Videos[1].Id], Order());
        Assert.Equal("ALREADY_IN_PLAYLIST", twice.Errors[0].Code);
    }

    [Fact]
    public async Task Someone_elses_private_video_cannot_be_added()
    {
        var hidden = World.AddVideo(World.AddUser("bob_films").Id, visibility: Visibility.Private);

        var result = await World.Get<AddPlaylistItem>().Handle(new(Playlist.Id, hidden.Id, null), default);

        Assert.Equal(("VIDEO_NOT_FOUND", "videoId"), (result.Errors[0].Code, result.Errors[0].Field));
        Assert.Empty(Order());
    }
}

public sealed class RemovePlaylistItemTests : PlaylistTestBase
{
    [Fact]
    public async Task Removing_a_video_that_is_not_there_says_so()
    {
        await World.Get<AddPlaylistItem>().Handle(new(Playlist.Id, Videos[0].Id, null), default);

        var removed = await World.Get<RemovePlaylistItem>().Handle(new(Playlist.Id, Videos[0].Id), default);
        var absent = await World.Get<RemovePlaylistItem>().Handle(new(Playlist.Id, Videos[0].Id), default);

        Assert.True(removed.Succeeded);
        Assert.Equal("NOT_IN_PLAYLIST", absent.Errors[0].Code);
    }
}

public sealed class MovePlaylistItemTests : PlaylistTestBase
{
    [Fact]
    public async Task A_move_is_clamped_to_the_playlist()
    {
        foreach (var video in Videos)
        {
            await World.Get<AddPlaylistItem>().Handle(new(Playlist.Id, video.Id, null), default);
        }

        await World.Get<MovePlaylistItem>().Handle(new(Playlist.Id, Videos[0].Id, 99), default);

        Assert.Equal([Videos[1].Id, Videos[2].Id, Videos[0].Id], Order());
    }
}

public sealed class ListPlaylistItemsTests : PlaylistTestBase
{
    [Fact]
    public async Task A_stranger_does_not_see_the_owners_private_videos_in_the_playlist()
    {
        foreach (var video in Videos)
        {
            await World.Get<AddPlaylistItem>().Handle(new(Playlist.Id, video.Id, null), default);
        }

        Videos[1].Edit(null, null, Visibility.Private, World.Clock.UtcNow);
        var own = await World.Get<ListPlaylistItems>().Handle(new(Playlist, PageRequest.Default), default);
        ActAsStranger();
        var stranger = await World.Get<ListPlaylistItems>().Handle(new(Playlist, PageRequest.Default), default);

        Assert.Equal(3, own.Value!.Edges.Count);
        Assert.Equal([Videos[0].Id, Videos[2].Id], stranger.Value!.Edges.Select(e => e.Node.Video.Id));
    }
}
