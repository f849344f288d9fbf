using GraphQL.Types;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Playlists;
using StreamEngine.Domain.Playlists;
using StreamEngine.Web.GraphQL.Batching;
using StreamEngine.Web.GraphQL.Channels;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Nodes;
using StreamEngine.Web.GraphQL.Videos;

namespace StreamEngine.Web.GraphQL.Playlists;

public sealed class PlaylistType : ObjectGraphType<Playlist>
{
    public PlaylistType()
    {
        Name = "Playlist";
        Description = "An ordered list of videos, made by a channel.";
        this.AddNodeId(NodeTypes.Playlist, p => p.Id);
        Field(p => p.Title).Description("Its title.");
        Field(p => p.Description, nullable: true).Description("Its description, or null.");
        Field<NonNullGraphType<VisibilityType>>("visibility")
            .Description("Who may find and open it.")
            .Resolve(c => c.Source.Visibility);
        Field<NonNullGraphType<ChannelType>>("owner")
            .Description("The channel that made it.")
            .Resolve(c => c.User(c.Source.OwnerId).Then(u => new ChannelView(u!)));
        Field<NonNullGraphType<DateTimeType>>("createdAt")
            .Description("When it was made.")
            .Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<DateTimeType>>("updatedAt")
            .Description("When it or its items last changed.")
            .Resolve(c => c.Source.UpdatedAt);
        Field<NonNullGraphType<BooleanGraphType>>("viewerCanUpdate")
            .Description("Whether you may change it and its items (its owner may).")
            .Resolve(c => c.Service<ICurrentUser>().UserId == c.Source.OwnerId);
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
        Description = "A video's place in a playlist.";
        this.AddNodeId(
            NodeTypes.PlaylistItem,
            e => GlobalId.Of(NodeTypes.PlaylistItem, e.Item.PlaylistId, e.Item.VideoId)
        );
        Field<NonNullGraphType<IntGraphType>>("position")
            .Description("0-based place in the playlist.")
            .Resolve(c => (int)c.Source.Item.Position);
        Field<NonNullGraphType<DateTimeType>>("addedAt")
            .Description("When the video was added.")
            .Resolve(c => c.Source.Item.AddedAt);
        Field<NonNullGraphType<VideoType>>("video").Description("The video.").Resolve(c => c.Source.Video);
    }
}

public sealed class PlaylistConnectionType() : ConnectionGraphType<PlaylistType, Playlist>("Playlist");

public sealed class PlaylistItemConnectionType() : ConnectionGraphType<PlaylistItemType, PlaylistEntry>("PlaylistItem");
