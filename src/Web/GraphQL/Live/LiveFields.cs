using GraphQL;
using GraphQL.Types;
using StreamEngine.Application.Common;
using StreamEngine.Application.Live;
using StreamEngine.Domain.Live;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Nodes;
using StreamEngine.Web.GraphQL.Transport;
using StreamEngine.Web.GraphQL.Videos;

namespace StreamEngine.Web.GraphQL.Live;

/// <summary>Live streaming: create a stream, rotate its key, end it; find it; follow its status.</summary>
public static class LiveFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query
            .Field<LiveStreamType>("liveStream")
            .Description("A live stream, if it exists and you may see it.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The live stream's global id.")
            .ResolveAsync(async c =>
                await c.Service<GetLiveStream>()
                    .Handle(NodeFields.Key(c, "id", NodeTypes.LiveStream), c.CancellationToken)
            );
        query
            .Field<NonNullGraphType<ListGraphType<NonNullGraphType<LiveStreamType>>>>("liveNow")
            .Description($"Public streams on air now, newest first (at most {ListLiveNow.Limit}).")
            .ResolveAsync(async c => await c.Service<ListLiveNow>().Handle(null, c.CancellationToken));
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation
            .Define("createLiveStream", "Creates a stream to broadcast to; the payload has its key and ingest URL.")
            .Input<NonNullGraphType<StringGraphType>>("title", "The stream's title.")
            .Input<StringGraphType>("description", "The stream's description.")
            .Input<VisibilityType>("visibility", "Who may find and watch it (PUBLIC when left out).")
            .Input<BooleanGraphType>(
                "record",
                "Whether the broadcast becomes a video when it ends (false when left out)."
            )
            .Output<LiveStreamType>("liveStream", "The new stream, IDLE.")
            .Resolve(
                async (c, i) =>
                    Outcome(
                        await c.Service<CreateLiveStream>()
                            .Handle(
                                new(
                                    i.Get<string>("title"),
                                    i.Get<string>("description"),
                                    i.Get<Domain.Videos.Visibility?>("visibility"),
                                    i.Get("record", false)
                                ),
                                c.CancellationToken
                            )
                    )
            );
        mutation
            .Define("rotateStreamKey", "Gives a stream a new key; the old one is refused from now on.")
            .Input<NonNullGraphType<IdGraphType>>("liveStreamId", "The stream's id.")
            .Output<LiveStreamType>("liveStream", "The stream, with its new key.")
            .Resolve(
                async (c, i) =>
                    i.TryId("liveStreamId", NodeTypes.LiveStream, out var id, out var invalid)
                        ? Outcome(await c.Service<RotateStreamKey>().Handle(id, c.CancellationToken))
                        : invalid
            );
        mutation
            .Define(
                "endLiveStream",
                "Ends a stream for good: the broadcaster is dropped, and a recorded broadcast becomes a video."
            )
            .Input<NonNullGraphType<IdGraphType>>("liveStreamId", "The stream's id.")
            .Output<LiveStreamType>("liveStream", "The stream, ENDED.")
            .Resolve(
                async (c, i) =>
                    i.TryId("liveStreamId", NodeTypes.LiveStream, out var id, out var invalid)
                        ? Outcome(await c.Service<EndLiveStream>().Handle(id, c.CancellationToken))
                        : invalid
            );
    }

    public static void AddSubscriptions(ObjectGraphType subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        subscription
            .Field<NonNullGraphType<LiveStreamEventType>>("liveStreamStatusChanged")
            .Description(
                "The stream's state now, then every change (viewer counts while it is LIVE); completes after ENDED."
            )
            .Argument<NonNullGraphType<IdGraphType>>("id", "The live stream's global id.")
            .Resolve(c => c.Source)
            .ResolveStreamAsync(async c =>
            {
                var id = NodeFields.Key(c, "id", NodeTypes.LiveStream);
                var result = await c.Service<WatchLiveStream>().Handle(id, c.CancellationToken);
                return result.Succeeded
                    ? new FeedObservable<Application.Abstractions.LiveStreamEvent>(result.Value)
                    : throw new ExecutionError(result.Errors[0].Message) { Code = result.Errors[0].Code };
            });
    }

    private static MutationOutcome Outcome(Result<LiveStream> result) =>
        result.Succeeded ? MutationOutcome.Ok(("liveStream", result.Value)) : result.Failure();
}
