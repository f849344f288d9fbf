using GraphQL.Types;

namespace StreamEngine.Web.GraphQL;

/// <summary>The public GraphQL schema. Its SDL is checked in as <c>schema.graphql</c> and guarded by a snapshot
/// test.</summary>
public sealed class StreamEngineSchema : Schema
{
    public StreamEngineSchema(
        IServiceProvider services,
        QueryType query,
        MutationType mutation,
        Videos.SubscriptionType subscription
    )
        : base(services)
    {
        Query = query;
        Mutation = mutation;
        Subscription = subscription;
        Description = "StreamEngine: upload, transcode and stream video.";
        Directives.Register(new Common.SpecifiedByDirective());
    }
}
