using GraphQL;
using GraphQL.Types;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Videos;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Transport;

namespace StreamEngine.Web.GraphQL.Videos;

public sealed class VideoEventType : ObjectGraphType<VideoEvent>
{
    public VideoEventType()
    {
        Name = "VideoEvent";
        Description = "A change of a video. Progress, rendition and failure reason are shown to its owner only.";
        Field<NonNullGraphType<IdGraphType>>("videoId").Resolve(c => c.Source.VideoId);
        Field<NonNullGraphType<VideoStatusType>>("status").Resolve(c => c.Source.Status);
        Field<VideoProgressType>("progress")
            .Resolve(c => c.Source.Stage is { } stage ? new VideoProgress(stage, c.Source.Percent) : null);
        Field<StringGraphType>("rendition")
            .Description("The rendition the event concerns, when it concerns one.")
            .Resolve(c => c.Source.Rendition);
        Field<StringGraphType>("failureReason").Resolve(c => c.Source.FailureReason);
        Field<NonNullGraphType<DateTimeType>>("occurredAt").Resolve(c => c.Source.OccurredAt);
    }
}

public sealed class SubscriptionType : ObjectGraphType
{
    public SubscriptionType()
    {
        Name = "Subscription";
        Field<NonNullGraphType<VideoEventType>>("videoStatusChanged")
            .Description(
                "The video's current state, then every change. Anyone may follow a public video's status; its "
                    + "owner sees everything."
            )
            .Argument<NonNullGraphType<IdGraphType>>("videoId")
            .Resolve(c => c.Source)
            .ResolveStreamAsync(async c =>
            {
                if (!Guid.TryParse(c.GetArgument<string>("videoId"), out var videoId))
                {
                    throw new ExecutionError(VideoErrors.NotFound.Message) { Code = VideoErrors.NotFound.Code };
                }

                var result = await c.Service<WatchVideoEvents>().Handle(videoId, c.CancellationToken);
                return result.Succeeded
                    ? new FeedObservable(result.Value)
                    : throw new ExecutionError(result.Errors[0].Message) { Code = result.Errors[0].Code };
            });

        Field<NonNullGraphType<VideoEventType>>("myVideoEvents")
            .Description("Every change of every video of the signed-in user.")
            .Resolve(c => c.Source)
            .ResolveStreamAsync(async c =>
            {
                var result = await c.Service<WatchMyVideoEvents>().Handle();
                return result.Succeeded
                    ? new FeedObservable(result.Value)
                    : throw new ExecutionError(result.Errors[0].Message) { Code = result.Errors[0].Code };
            });
    }
}
