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
        query.Field<NonNullGraphType<VideoConnectionType>>("videos")
            .Description("READY public videos (and your own), optionally matching a search over title and description.")
            .Argument<StringGraphType>("search")
            .Argument<VideoOrderType>("orderBy", a => a.DefaultValue = VideoOrder.Newest)
            .PageArguments()
            .ResolveAsync(async c => (await c.Service<ChannelDirectory>().Videos(null, c.GetArgument<string?>("search"), c.GetArgument("orderBy", VideoOrder.Newest), c.ReadPage(), c.CancellationToken)).ValueOrError());
        query.Field<NonNullGraphType<WatchHistoryConnectionType>>("watchHistory")
            .Description("What you watched, latest first.")
            .PageArguments()
            .ResolveAsync(async c => (await c.Service<Viewings>().History(c.ReadPage(), c.CancellationToken)).ValueOrError());
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        foreach (var (name, like) in new[] { ("likeVideo", true), ("unlikeVideo", false) })
        {
            mutation.Field<NonNullGraphType<VideoPayloadType>>(name)
                .Description(like ? "Likes a video once; liking again changes nothing." : "Takes your like back; idempotent.")
                .Argument<NonNullGraphType<IdGraphType>>("videoId")
                .ResolveAsync(async c =>
                {
                    var result = Guid.TryParse(c.GetArgument<string>("videoId"), out var id)
                        ? await c.Service<Likes>().Video(id, like, c.CancellationToken)
                        : VideoErrors.NotFound;
                    var errors = result.PayloadErrors();
                    return new VideoPayload(result.Succeeded ? (await c.Service<IEngagementQueries>().VideosByIdAsync([result.Value], c.CancellationToken)).GetValueOrDefault(result.Value) : null, null, errors);
                });
        }

        foreach (var (name, like) in new[] { ("likeComment", true), ("unlikeComment", false) })
        {
            mutation.Field<NonNullGraphType<CommentPayloadType>>(name)
                .Argument<NonNullGraphType<IdGraphType>>("commentId")
                .ResolveAsync(async c =>
                {
                    var result = Guid.TryParse(c.GetArgument<string>("commentId"), out var id)
                        ? await c.Service<Likes>().Comment(id, like, c.CancellationToken)
                        : EngagementErrors.CommentNotFound;
                    var errors = result.PayloadErrors();
                    return new Payload<Comment>(result.Succeeded ? await c.Service<IEngagementStore>().FindCommentAsync(result.Value, c.CancellationToken) : null, errors);
                });
        }

        mutation.Field<NonNullGraphType<CommentPayloadType>>("addComment")
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

                return Payloads.Of(await c.Service<Comments>().Add(videoId, parent, c.GetArgument<string>("body"), c.CancellationToken));
            });
        mutation.Field<NonNullGraphType<CommentPayloadType>>("editComment")
            .Description("Changes your comment's text.")
            .Argument<NonNullGraphType<IdGraphType>>("commentId")
            .Argument<NonNullGraphType<StringGraphType>>("body")
            .ResolveAsync(async c => Payloads.Of(Guid.TryParse(c.GetArgument<string>("commentId"), out var id)
                ? await c.Service<Comments>().Edit(id, c.GetArgument<string>("body"), c.CancellationToken)
                : EngagementErrors.CommentNotFound));
        mutation.Field<NonNullGraphType<DeleteCommentPayloadType>>("deleteComment")
            .Description("Deletes a comment (with its replies): its author's, or any on your video.")
            .Argument<NonNullGraphType<IdGraphType>>("commentId")
            .ResolveAsync(async c => Payloads.Of(Guid.TryParse(c.GetArgument<string>("commentId"), out var id)
                ? await c.Service<Comments>().Delete(id, c.CancellationToken)
                : EngagementErrors.CommentNotFound));

        mutation.Field<NonNullGraphType<RecordViewPayloadType>>("recordView")
            .Description("A player calls this once when playback starts: the view counts at most once per viewer per window, and goes into your history unless paused.")
            .Argument<NonNullGraphType<IdGraphType>>("videoId")
            .ResolveAsync(async c =>
            {
                var result = Guid.TryParse(c.GetArgument<string>("videoId"), out var id)
                    ? await c.Service<Viewings>().Record(id, c.CancellationToken)
                    : VideoErrors.NotFound;
                return new Payload<ViewOutcome>(result.Succeeded ? result.Value : null, result.PayloadErrors());
            });
        mutation.Field<NonNullGraphType<UserPayloadType>>("setWatchHistoryPaused")
            .Argument<NonNullGraphType<BooleanGraphType>>("paused")
            .ResolveAsync(async c => Payloads.User(await c.Service<Viewings>().Pause(c.GetArgument<bool>("paused"), c.CancellationToken)));
        mutation.Field<NonNullGraphType<ClearWatchHistoryPayloadType>>("clearWatchHistory")
            .Description("Clears your watch history, or removes one video from it.")
            .Argument<IdGraphType>("videoId")
            .ResolveAsync(async c =>
            {
                Guid? videoId = Guid.TryParse(c.GetArgument<string?>("videoId"), out var parsed) ? parsed : null;
                return Payloads.Of(await c.Service<Viewings>().Clear(videoId, c.CancellationToken));
            });
    }
}
