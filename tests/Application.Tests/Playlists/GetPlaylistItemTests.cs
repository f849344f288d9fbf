using StreamEngine.Application.Playlists;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Tests.Playlists;

public sealed class GetPlaylistItemTests : PlaylistTestBase
{
    [Fact]
    public async Task An_item_is_found_in_an_open_playlist_unless_its_video_is_hidden_from_the_caller()
    {
        await World.Get<AddPlaylistItem>().Handle(new(Playlist.Id, Videos[0].Id, null), default);
        await World.Get<AddPlaylistItem>().Handle(new(Playlist.Id, Videos[1].Id, null), default);
        await World.Get<UpdateVideo>().Handle(new(Videos[1].Id, null, null, Visibility.Private), default);

        var own = await World.Get<GetPlaylistItem>().Handle(Playlist.Id, Videos[1].Id, default);
        ActAsStranger();
        var visible = await World.Get<GetPlaylistItem>().Handle(Playlist.Id, Videos[0].Id, default);
        var hidden = await World.Get<GetPlaylistItem>().Handle(Playlist.Id, Videos[1].Id, default);
        var absent = await World.Get<GetPlaylistItem>().Handle(Playlist.Id, Videos[2].Id, default);

        Assert.Equal((1L, Videos[1].Id), (own!.Item.Position, own.Video.Id));
        Assert.Equal(Videos[0].Id, visible?.Video.Id);
        Assert.Null(hidden);
        Assert.Null(absent);
    }
}
