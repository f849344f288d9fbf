using GraphQL.Types;
using StreamEngine.Web.GraphQL.Users;
using StreamEngine.Web.GraphQL.Videos;

namespace StreamEngine.Web.GraphQL;

/// <summary>Every mutation takes <c>input: XInput!</c> and returns its own nullable <c>XPayload</c> with the objects it
/// changed and <c>errors</c> (authorization failures included).</summary>
public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        Description = "What can be changed. Every mutation takes input and answers with its own payload and errors.";
        AccountMutations.AddTo(this);
        VideoFields.AddMutations(this);
        VideoMediaFields.AddMutations(this);
        Channels.ChannelFields.AddMutations(this);
        Engagement.EngagementFields.AddMutations(this);
        Engagement.CommentFields.AddMutations(this);
        Playlists.PlaylistFields.AddMutations(this);
        Webhooks.WebhookFields.AddMutations(this);
        Live.LiveFields.AddMutations(this);
    }
}
