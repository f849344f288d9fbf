using GraphQL.Types;
using StreamEngine.Web.GraphQL.Users;
using StreamEngine.Web.GraphQL.Videos;

namespace StreamEngine.Web.GraphQL;

public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        AccountMutations.AddTo(this);
        VideoFields.AddMutations(this);
        Channels.ChannelFields.AddMutations(this);
        Engagement.EngagementFields.AddMutations(this);
        Playlists.PlaylistFields.AddMutations(this);
        AccountDeletionFields.AddMutations(this);
    }
}
