using GraphQL;
using GraphQL.Types;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Channels;
using StreamEngine.Application.Engagement;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Engagement;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Users;
using StreamEngine.Web.GraphQL.Videos;

namespace StreamEngine.Web.GraphQL.Engagement;

/// <summary>Search, likes, comments, viewings and the watch history.</summary>
public static class EngagementFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query
            .Field<NonNullGraphType<VideoConnectionType>>("videos")
            .Description("READY public videos (and your own), optionally matching a search over title and description.")
            .Argument<StringGraphType>("search")
            .Argument<VideoOrderType>("orderBy", a => a.DefaultValue = VideoOrder.Newest)
            .PageArguments()
            .ResolveAsync(async c =>
                (
                    await c.Service<ListVideos>()
                        .Handle(
                            new(
                                null,
                                c.GetArgument<string?>("search"),
                                c.GetArgument("orderBy", VideoOrder.Newest),
                                c.ReadPage()
                            ),
                            c.CancellationToken
                        )
                ).ValueOrError()
            );
        query
            .Field<NonNullGraphType<WatchHistoryConnectionType>>("watchHistory")
            .Description("What you watched, latest first.")
            .PageArguments()
            .ResolveAsync(async c =>
                (await c.Service<GetWatchHistory>().Handle(c.ReadPage(), c.CancellationToken)).ValueOrError()
            );
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        foreach (var (name, like) in new[] { ("likeVideo", true), ("unlikeVideo", false) })
        {
            mutation
                .Field<NonNullGraphType<VideoPayloadType>>(name)
                .Description(
                    like ? "Likes a video once; liking again changes nothing." : "Takes your like back; idempotent."
                )
                .Argument<NonNullGraphType<IdGraphType>>("videoId")
                .ResolveAsync(async c =>
                {
                    var result = Guid.TryParse(c.GetArgument<string>("videoId"), out var id)
                        ? await c.Service<SetVideoLike>().Handle(new(id, like), c.CancellationToken)
                        : VideoErrors.NotFound;
                    var errors = result.PayloadErrors();
                    var video = result.Succeeded
                        ? (
                            await c.Service<IVideoQueries>().VideosByIdAsync([result.Value], c.CancellationToken)
                        ).GetValueOrDefault(result.Value)
                        : null;
                    return new VideoPayload(video, null, errors);
                });
        }

        foreach (var (name, like) in new[] { ("likeComment", true), ("unlikeComment", false) })
        {
            mutation
                .Field<NonNullGraphType<CommentPayloadType>>(name)
                .Argument<NonNullGraphType<IdGraphType>>("commentId")
                .ResolveAsync(async c =>
                {
                    var result = Guid.TryParse(c.GetArgument<string>("commentId"), out var id)
                        ? await c.Service<SetCommentLike>().Handle(new(id, like), c.CancellationToken)
                        : EngagementErrors.CommentNotFound;
                    var errors = result.PayloadErrors();
                    var comment = result.Succeeded
                        ? await c.Service<ICommentStore>().FindCommentAsync(result.Value, c.CancellationToken)
                        : null;
                    return new Payload<Comment>(comment, errors);
                });
        }

        mutation
            .Field<NonNullGraphType<CommentPayloadType>>("addComment")
            .Description("Comments on a READY video you may watch, or replies to a top-level comment.")
            .Argument<NonNullGraphType<IdGraphType>>("videoId")
            .Argument<NonNullGraphType<StringGraphType>>("body")
            .Argument<IdGraphType>("parentId", "The top-level comment to reply to.")
            .ResolveAsync(async c =>
            {
                if (!Guid.TryParse(c.GetArgument<string>("videoId"), out var videoId))
                {
                    return Payloads.Of<Comment>(VideoErrors.NotFound);
                }

                Guid? parent = null;
                if (c.GetArgument<string?>("parentId") is { } text)
                {
                    if (!Guid.TryParse(text, out var parsed))
                    {
                        return Payloads.Of<Comment>(EngagementErrors.CommentNotFound with { Field = "parentId" });
                    }

                    parent = parsed;
                }

                var request = new AddCommentRequest(videoId, parent, c.GetArgument<string>("body"));
                return Payloads.Of(await c.Service<AddComment>().Handle(request, c.CancellationToken));
            });
        mutation
            .Field<NonNullGraphType<CommentPayloadType>>("editComment")
            .Description("Changes your comment's text.")
            .Argument<NonNullGraphType<IdGraphType>>("commentId")
            .Argument<NonNullGraphType<StringGraphType>>("body")
            .ResolveAsync(async c =>
                Payloads.Of(
                    Guid.TryParse(c.GetArgument<string>("commentId"), out var id)
                        ? await c.Service<EditComment>()
                            .Handle(new(id, c.GetArgument<string>("body")), c.CancellationToken)
                        : EngagementErrors.CommentNotFound
                )
            );
        mutation
            .Field<NonNullGraphType<DeleteCommentPayloadType>>("deleteComment")
            .Description("Deletes a comment (with its replies): its author's, or any on your video.")
            .Argument<NonNullGraphType<IdGraphType>>("commentId")
            .ResolveAsync(async c =>
                Payloads.Of(
                    Guid.TryParse(c.GetArgument<string>("commentId"), out var id)
                        ? await c.Service<DeleteComment>().Handle(id, c.CancellationToken)
                        : EngagementErrors.CommentNotFound
                )
            );

        mutation
            .Field<NonNullGraphType<RecordViewPayloadType>>("recordView")
            .Description(
                "A player calls this once when playback starts: the view counts at most once per viewer per "
                    + "window, and goes into your history unless paused."
            )
            .Argument<NonNullGraphType<IdGraphType>>("videoId")
            .ResolveAsync(async c =>
            {
                var result = Guid.TryParse(c.GetArgument<string>("videoId"), out var id)
                    ? await c.Service<RecordView>().Handle(id, c.CancellationToken)
                    : VideoErrors.NotFound;
                return new Payload<ViewOutcome>(result.Succeeded ? result.Value : null, result.PayloadErrors());
            });
        mutation
            .Field<NonNullGraphType<UserPayloadType>>("setWatchHistoryPaused")
            .Argument<NonNullGraphType<BooleanGraphType>>("paused")
            .ResolveAsync(async c =>
                Payloads.User(
                    await c.Service<PauseWatchHistory>().Handle(c.GetArgument<bool>("paused"), c.CancellationToken)
                )
            );
        mutation
            .Field<NonNullGraphType<ClearWatchHistoryPayloadType>>("clearWatchHistory")
            .Description("Clears your watch history, or removes one video from it.")
            .Argument<IdGraphType>("videoId")
            .ResolveAsync(async c =>
            {
                Guid? videoId = Guid.TryParse(c.GetArgument<string?>("videoId"), out var parsed) ? parsed : null;
                return Payloads.Of(await c.Service<ClearWatchHistory>().Handle(videoId, c.CancellationToken));
            });
    }
}
