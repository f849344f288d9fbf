using GraphQL.Types;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Playlists;
using StreamEngine.Domain.Playlists;
using StreamEngine.Web.GraphQL.Batching;
using StreamEngine.Web.GraphQL.Channels;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Videos;

namespace StreamEngine.Web.GraphQL.Playlists;

public sealed class PlaylistType : ObjectGraphType<Playlist>
{
    public PlaylistType()
    {
        Name = "Playlist";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field(p => p.Title);
        Field(p => p.Description, nullable: true);
        Field<NonNullGraphType<VisibilityType>>("visibility").Resolve(c => c.Source.Visibility);
        Field<NonNullGraphType<ChannelType>>("owner").Resolve(c => c.User(c.Source.OwnerId));
        Field<NonNullGraphType<DateTimeType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<DateTimeType>>("updatedAt").Resolve(c => c.Source.UpdatedAt);
        Field<NonNullGraphType<PlaylistItemConnectionType>>("items")
            .Description("In order; videos you may not see are left out.")
            .PageArguments()
            .ResolveAsync(async c =>
                (
                    await c.Service<ListPlaylistItems>().Handle(new(c.Source, c.ReadPage()), c.CancellationToken)
                ).ValueOrError()
            );
    }
}

public sealed class PlaylistItemType : ObjectGraphType<PlaylistEntry>
{
    public PlaylistItemType()
    {
        Name = "PlaylistItem";
        Field<NonNullGraphType<IntGraphType>>("position")
            .Description("0-based place in the playlist.")
            .Resolve(c => (int)c.Source.Item.Position);
        Field<NonNullGraphType<DateTimeType>>("addedAt").Resolve(c => c.Source.Item.AddedAt);
        Field<NonNullGraphType<VideoType>>("video").Resolve(c => c.Source.Video);
    }
}

public sealed class PlaylistConnectionType() : ConnectionGraphType<PlaylistType, Playlist>("Playlist");

public sealed class PlaylistItemConnectionType() : ConnectionGraphType<PlaylistItemType, PlaylistEntry>("PlaylistItem");

public sealed class PlaylistPayloadType() : PayloadGraphType<PlaylistType, Playlist>("PlaylistPayload", "playlist");

public sealed class DeletePlaylistPayloadType()
    : PayloadGraphType<IdGraphType, Guid>("DeletePlaylistPayload", "deletedPlaylistId");
