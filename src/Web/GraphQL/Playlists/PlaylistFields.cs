using GraphQL;
using GraphQL.Types;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Playlists;
using StreamEngine.Domain.Playlists;
using StreamEngine.Domain.Videos;
using StreamEngine.Web.GraphQL.Channels;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Nodes;
using StreamEngine.Web.GraphQL.Videos;

namespace StreamEngine.Web.GraphQL.Playlists;

/// <summary>Playlists: open, create, edit, order.</summary>
public static class PlaylistFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query
            .Field<PlaylistType>("playlist")
            .Description("A public or unlisted playlist, or your own.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The playlist's global id.")
            .ResolveAsync(async c =>
                await c.Service<GetPlaylist>().Handle(NodeFields.Key(c, "id", NodeTypes.Playlist), c.CancellationToken)
            );
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation
            .Define("createPlaylist", "Creates a playlist on your channel.")
            .Input<NonNullGraphType<StringGraphType>>("title", "Its title.")
            .Input<StringGraphType>("description", "Its description.")
            .Input<VisibilityType>("visibility", "Who may find and open it.", Visibility.Public)
            .Output<PlaylistType>("playlist", "The new playlist.")
            .Output<EdgeGraphType<PlaylistType, Playlist>>(
                "playlistEdge",
                "The new playlist as an edge of its channel's playlists."
            )
            .Resolve(
                async (c, i) =>
                {
                    var result = await c.Service<CreatePlaylist>()
                        .Handle(
                            new(
                                i.Get<string>("title"),
                                i.Get<string>("description"),
                                i.Get("visibility", Visibility.Public)
                            ),
                            c.CancellationToken
                        );
                    return result.Succeeded
                        ? MutationOutcome.Ok(
                            ("playlist", result.Value),
                            (
                                "playlistEdge",
                                new Edge<Playlist>(result.Value, c.Service<IPlaylistQueries>().CursorOf(result.Value))
                            )
                        )
                        : result.Failure();
                }
            );
        mutation
            .Define(
                "updatePlaylist",
                "Renames, redescribes or changes the visibility of your playlist; fields left out stay."
            )
            .Input<NonNullGraphType<IdGraphType>>("playlistId", "The playlist's id.")
            .Input<StringGraphType>("title", "The new title.")
            .Input<StringGraphType>("description", "The new description; empty to clear it.")
            .Input<VisibilityType>("visibility", "Who may find and open it.")
            .Output<PlaylistType>("playlist", "The playlist as it is now.")
            .Resolve(
                async (c, i) =>
                {
                    if (!i.TryId("playlistId", NodeTypes.Playlist, out var id, out var invalid))
                    {
                        return invalid;
                    }

                    var result = await c.Service<UpdatePlaylist>()
                        .Handle(
                            new(
                                id,
                                i.Get<string>("title"),
                                i.Get<string>("description"),
                                i.Get<Visibility?>("visibility")
                            ),
                            c.CancellationToken
                        );
                    return result.Succeeded ? MutationOutcome.Ok(("playlist", result.Value)) : result.Failure();
                }
            );
        mutation
            .Define("deletePlaylist", "Deletes your playlist (not its videos).")
            .Input<NonNullGraphType<IdGraphType>>("playlistId", "The playlist's id.")
            .Output<IdGraphType>("deletedPlaylistId", "The deleted playlist's id.")
            .Output<ChannelType>("channel", "The channel it was on.")
            .Resolve(
                async (c, i) =>
                {
                    if (!i.TryId("playlistId", NodeTypes.Playlist, out var id, out var invalid))
                    {
                        return invalid;
                    }

                    var result = await c.Service<DeletePlaylist>().Handle(id, c.CancellationToken);
                    return result.Succeeded
                        ? MutationOutcome.Ok(
                            ("deletedPlaylistId", GlobalId.Of(NodeTypes.Playlist, id)),
                            ("channel", await Fresh.ChannelAsync(c, c.Service<ICurrentUser>().UserId))
                        )
                        : result.Failure();
                }
            );
        ItemMutations(mutation);
    }

    private static void ItemMutations(ObjectGraphType mutation)
    {
        mutation
            .Define(
                "addPlaylistItem",
                "Adds a video at the end, or at a 0-based position; a video is in a playlist at most once."
            )
            .ItemInput()
            .Input<IntGraphType>("position", "0-based; the end when left out.")
            .ItemOutput("The new item.")
            .Output<EdgeGraphType<PlaylistItemType, PlaylistEntry>>(
                "itemEdge",
                "The new item as an edge of the playlist's items."
            )
            .Resolve(
                async (c, i) =>
                {
                    if (!TryIds(i, out var playlistId, out var videoId, out var outcome))
                    {
                        return outcome;
                    }

                    var result = await c.Service<AddPlaylistItem>()
                        .Handle(new(playlistId, videoId, i.Get<int?>("position")), c.CancellationToken);
                    return await ItemOutcomeAsync(c, result, playlistId, videoId, withEdge: true);
                }
            );
        mutation
            .Define("removePlaylistItem", "Takes a video out of your playlist.")
            .ItemInput()
            .Output<PlaylistType>("playlist", "The playlist as it is now.")
            .Output<IdGraphType>("deletedItemId", "The removed item's id.")
            .Resolve(
                async (c, i) =>
                {
                    if (!TryIds(i, out var playlistId, out var videoId, out var outcome))
                    {
                        return outcome;
                    }

                    var result = await c.Service<RemovePlaylistItem>()
                        .Handle(new(playlistId, videoId), c.CancellationToken);
                    return result.Succeeded
                        ? MutationOutcome.Ok(
                            ("playlist", result.Value),
                            ("deletedItemId", GlobalId.Of(NodeTypes.PlaylistItem, playlistId, videoId))
                        )
                        : result.Failure();
                }
            );
        mutation
            .Define("movePlaylistItem", "Moves a video to a 0-based position (clamped to the playlist).")
            .ItemInput()
            .Input<NonNullGraphType<IntGraphType>>("position", "0-based; clamped to the playlist.")
            .ItemOutput("The moved item at its new position.")
            .Resolve(
                async (c, i) =>
                {
                    if (!TryIds(i, out var playlistId, out var videoId, out var outcome))
                    {
                        return outcome;
                    }

                    var result = await c.Service<MovePlaylistItem>()
                        .Handle(new(playlistId, videoId, i.Get<int>("position")), c.CancellationToken);
                    return await ItemOutcomeAsync(c, result, playlistId, videoId, withEdge: false);
                }
            );
    }

    private static MutationDefinition ItemInput(this MutationDefinition definition) =>
        definition
            .Input<NonNullGraphType<IdGraphType>>("playlistId", "The playlist's id.")
            .Input<NonNullGraphType<IdGraphType>>("videoId", "The video's id.");

    private static MutationDefinition ItemOutput(this MutationDefinition definition, string item) =>
        definition
            .Output<PlaylistType>("playlist", "The playlist as it is now.")
            .Output<PlaylistItemType>("item", item);

    private static bool TryIds(MutationInput input, out Guid playlistId, out Guid videoId, out MutationOutcome failure)
    {
        videoId = Guid.Empty;
        failure = MutationOutcome.Failed();
        if (!input.TryId("playlistId", NodeTypes.Playlist, out playlistId, out var invalid))
        {
            failure = invalid;
            return false;
        }

        if (!input.TryId("videoId", NodeTypes.Video, out videoId, out invalid))
        {
            failure = invalid;
            return false;
        }

        return true;
    }

    private static async Task<MutationOutcome> ItemOutcomeAsync(
        IResolveFieldContext c,
        Application.Common.Result<Playlist> result,
        Guid playlistId,
        Guid videoId,
        bool withEdge
    )
    {
        if (!result.Succeeded)
        {
            return result.Failure();
        }

        var item = await c.Service<IPlaylistQueries>()
            .PlaylistItemAsync(playlistId, videoId, c.Service<ICurrentUser>().UserId, c.CancellationToken);
        var values = new List<(string, object?)> { ("playlist", result.Value), ("item", item) };
        if (withEdge)
        {
            values.Add(
                (
                    "itemEdge",
                    item is null ? null : new Edge<PlaylistEntry>(item, c.Service<IPlaylistQueries>().CursorOf(item))
                )
            );
        }

        return MutationOutcome.Ok([.. values]);
    }
}
