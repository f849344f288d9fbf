using GraphQL;
using GraphQL.Types;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Videos;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Nodes;
using StreamEngine.Web.GraphQL.Transport;

namespace StreamEngine.Web.GraphQL.Videos;

public sealed class VideoEventType : ObjectGraphType<VideoEvent>
{
    public VideoEventType()
    {
        Name = "VideoEvent";
        Description =
            "A change of a video, with the video as it is now (so a cached record updates without a refetch). "
            + "Progress, rendition and failure reason are shown to its owner only.";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("Unique per event (events are not refetchable).")
            .Resolve(c => GlobalId.Of(NodeTypes.VideoEvent, c.Source.VideoId, c.Source.OccurredAt.UtcTicks));
        Field<VideoType>("video")
            .Description("The video as it is now; null once you may no longer see it (deleted, or made private).")
            .ResolveAsync(async c =>
            {
                // Read fresh for every event: a subscription's later events must not see an earlier event's copy.
                var videos = await c.Service<IVideoQueries>().VideosByIdAsync([c.Source.VideoId], c.CancellationToken);
                return
                    videos.TryGetValue(c.Source.VideoId, out var video)
                    && VideoAccess.CanView(video, c.Service<ICurrentUser>().UserId)
                    ? video
                    : null;
            });
        Field<NonNullGraphType<VideoStatusType>>("status")
            .Description("The video's status after the change.")
            .Resolve(c => c.Source.Status);
        Field<NonNullGraphType<BooleanGraphType>>("playable")
            .Description("Whether the video plays after the change (READY, or PROCESSING with its first segments out).")
            .Resolve(c => c.Source.Playable);
        Field<VideoProgressType>("progress")
            .Description("Transcode progress, when the change is one.")
            .Resolve(c => c.Source.Stage is { } stage ? new VideoProgress(stage, c.Source.Percent) : null);
        Field<StringGraphType>("rendition")
            .Description("The rendition the event concerns, when it concerns one.")
            .Resolve(c => c.Source.Rendition);
        Field<StringGraphType>("failureReason")
            .Description("Why the video failed, when it did.")
            .Resolve(c => c.Source.FailureReason);
        Field<NonNullGraphType<DateTimeType>>("occurredAt")
            .Description("When the change happened.")
            .Resolve(c => c.Source.OccurredAt);
    }
}

public sealed class SubscriptionType : ObjectGraphType
{
    public SubscriptionType()
    {
        Name = "Subscription";
        Description = "What can be followed live over WebSocket (graphql-transport-ws).";
        Field<NonNullGraphType<VideoEventType>>("videoStatusChanged")
            .Description(
                "The video's current state, then every change. Anyone may follow a public video's status; its "
                    + "owner sees everything."
            )
            .Argument<NonNullGraphType<IdGraphType>>("videoId", "The video's global id.")
            .Resolve(c => c.Source)
            .ResolveStreamAsync(async c =>
            {
                var videoId = NodeFields.Key(c, "videoId", NodeTypes.Video);
                var result = await c.Service<WatchVideoEvents>().Handle(videoId, c.CancellationToken);
                return result.Succeeded
                    ? new FeedObservable<VideoEvent>(result.Value)
                    : throw new ExecutionError(result.Errors[0].Message) { Code = result.Errors[0].Code };
            });

        Field<NonNullGraphType<VideoEventType>>("viewerVideoEvents")
            .Description("Every change of every video of the signed-in account.")
            .Resolve(c => c.Source)
            .ResolveStreamAsync(async c =>
            {
                var result = await c.Service<WatchMyVideoEvents>().Handle();
                return result.Succeeded
                    ? new FeedObservable<VideoEvent>(result.Value)
                    : throw new ExecutionError(result.Errors[0].Message) { Code = result.Errors[0].Code };
            });
        Live.LiveFields.AddSubscriptions(this);
    }
}
