using GraphQL;
using GraphQL.Types;
using StreamEngine.Application.Engagement;
using StreamEngine.Application.Playlists;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;
using StreamEngine.Web.GraphQL.Common;
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
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
                Guid.TryParse(c.GetArgument<string>("id"), out var id)
                    ? await c.Service<GetPlaylist>().Handle(id, c.CancellationToken)
                    : null
            );
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation
            .Field<NonNullGraphType<PlaylistPayloadType>>("createPlaylist")
            .Argument<NonNullGraphType<StringGraphType>>("title")
            .Argument<StringGraphType>("description")
            .Argument<VisibilityType>("visibility", a => a.DefaultValue = Visibility.Public)
            .ResolveAsync(async c =>
                Payloads.Of(
                    await c.Service<CreatePlaylist>()
                        .Handle(
                            new(
                                c.GetArgument<string>("title"),
                                c.GetArgument<string?>("description"),
                                c.GetArgument("visibility", Visibility.Public)
                            ),
                            c.CancellationToken
                        )
                )
            );
        mutation
            .Field<NonNullGraphType<PlaylistPayloadType>>("updatePlaylist")
            .Description("Renames, redescribes or changes the visibility of your playlist; arguments left out stay.")
            .Argument<NonNullGraphType<IdGraphType>>("playlistId")
            .Argument<StringGraphType>("title")
            .Argument<StringGraphType>("description")
            .Argument<VisibilityType>("visibility")
            .ResolveAsync(async c =>
                Payloads.Of(
                    Guid.TryParse(c.GetArgument<string>("playlistId"), out var id)
                        ? await c.Service<UpdatePlaylist>()
                            .Handle(
                                new(
                                    id,
                                    c.GetArgument<string?>("title"),
                                    c.GetArgument<string?>("description"),
                                    c.GetArgument<Visibility?>("visibility")
                                ),
                                c.CancellationToken
                            )
                        : EngagementErrors.PlaylistNotFound
                )
            );
        mutation
            .Field<NonNullGraphType<DeletePlaylistPayloadType>>("deletePlaylist")
            .Argument<NonNullGraphType<IdGraphType>>("playlistId")
            .ResolveAsync(async c =>
                Payloads.Of(
                    Guid.TryParse(c.GetArgument<string>("playlistId"), out var id)
                        ? await c.Service<DeletePlaylist>().Handle(id, c.CancellationToken)
                        : EngagementErrors.PlaylistNotFound
                )
            );
        mutation
            .Field<NonNullGraphType<PlaylistPayloadType>>("addPlaylistItem")
            .Description("Adds a video at the end, or at a 0-based position; a video is in a playlist at most once.")
            .Argument<NonNullGraphType<IdGraphType>>("playlistId")
            .Argument<NonNullGraphType<IdGraphType>>("videoId")
            .Argument<IntGraphType>("position")
            .ResolveAsync(async c =>
                Payloads.Of(
                    PlaylistVideo(c) is var (playlist, video) && playlist is { } p && video is { } v
                        ? await c.Service<AddPlaylistItem>()
                            .Handle(new(p, v, c.GetArgument<int?>("position")), c.CancellationToken)
                    : playlist is null ? EngagementErrors.PlaylistNotFound
                    : VideoErrors.NotFound
                )
            );
        mutation
            .Field<NonNullGraphType<PlaylistPayloadType>>("removePlaylistItem")
            .Argument<NonNullGraphType<IdGraphType>>("playlistId")
            .Argument<NonNullGraphType<IdGraphType>>("videoId")
            .ResolveAsync(async c =>
                Payloads.Of(
                    PlaylistVideo(c) is var (playlist, video) && playlist is { } p && video is { } v
                        ? await c.Service<RemovePlaylistItem>().Handle(new(p, v), c.CancellationToken)
                    : playlist is null ? EngagementErrors.PlaylistNotFound
                    : EngagementErrors.NotInPlaylist
                )
            );
        mutation
            .Field<NonNullGraphType<PlaylistPayloadType>>("movePlaylistItem")
            .Description("Moves a video to a 0-based position (clamped to the playlist).")
            .Argument<NonNullGraphType<IdGraphType>>("playlistId")
            .Argument<NonNullGraphType<IdGraphType>>("videoId")
            .Argument<NonNullGraphType<IntGraphType>>("position")
            .ResolveAsync(async c =>
                Payloads.Of(
                    PlaylistVideo(c) is var (playlist, video) && playlist is { } p && video is { } v
                        ? await c.Service<MovePlaylistItem>()
                            .Handle(new(p, v, c.GetArgument<int>("position")), c.CancellationToken)
                    : playlist is null ? EngagementErrors.PlaylistNotFound
                    : EngagementErrors.NotInPlaylist
                )
            );
    }

    private static (Guid? Playlist, Guid? Video) PlaylistVideo(IResolveFieldContext c) =>
        (
            Guid.TryParse(c.GetArgument<string>("playlistId"), out var p) ? p : null,
            Guid.TryParse(c.GetArgument<string>("videoId"), out var v) ? v : null
        );
}
