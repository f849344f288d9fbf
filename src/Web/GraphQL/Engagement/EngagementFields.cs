using GraphQL;
using GraphQL.Types;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Channels;
using StreamEngine.Application.Common;
using StreamEngine.Application.Engagement;
using StreamEngine.Web.GraphQL.Batching;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Nodes;
using StreamEngine.Web.GraphQL.Users;
using StreamEngine.Web.GraphQL.Videos;

namespace StreamEngine.Web.GraphQL.Engagement;

/// <summary>Search, likes, viewings and the watch history (comments are in <see cref="CommentFields"/>).</summary>
public static class EngagementFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query
            .Field<NonNullGraphType<VideoConnectionType>>("videos")
            .Description("READY public videos (and your own), optionally matching a search over title and description.")
            .Argument<StringGraphType>("search", "Words to match in the title and description.")
            .Argument<VideoOrderType>(
                "orderBy",
                "The order, newest first by default.",
                a => a.DefaultValue = VideoOrder.Newest
            )
            .PageArguments()
            .ResolveAsync(async c =>
                c.Videos(
                    (
                        await c.Service<ListVideos>()
                            .Handle(
                                new(
                                    null,
                                    c.GetArgument<string?>("search"),
                                    c.GetArgument("orderBy", VideoOrder.Newest),
                                    c.ReadPage(),
                                    c.NodesSelect("owner", "channel")
                                ),
                                c.CancellationToken
                            )
                    ).ValueOrError()
                )
            );
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        foreach (var (name, like) in new[] { ("likeVideo", true), ("unlikeVideo", false) })
        {
            mutation
                .Define(
                    name,
                    like ? "Likes a video once; liking again changes nothing." : "Takes your like back; idempotent."
                )
                .Input<NonNullGraphType<IdGraphType>>("videoId", "The video's id.")
                .Output<VideoType>("video", "The video with its new likeCount and viewerHasLiked.")
                .Resolve(
                    async (c, i) =>
                    {
                        if (!i.TryId("videoId", NodeTypes.Video, out var id, out var invalid))
                        {
                            return invalid;
                        }

                        var result = await c.Service<SetVideoLike>().Handle(new(id, like), c.CancellationToken);
                        return result.Succeeded
                            ? MutationOutcome.Ok(("video", await Fresh.VideoAsync(c, result.Value)))
                            : result.Failure();
                    }
                );
        }

        mutation
            .Define(
                "recordView",
                "A player calls this once when playback starts: the view counts at most once per viewer per window, "
                    + "and goes into your history unless paused."
            )
            .Input<NonNullGraphType<IdGraphType>>("videoId", "The video's id.")
            .Output<VideoType>("video", "The video with its new viewCount.")
            .Output<BooleanGraphType>("counted", "Whether this viewing counted as a view (once per viewer per window).")
            .Resolve(
                async (c, i) =>
                {
                    if (!i.TryId("videoId", NodeTypes.Video, out var id, out var invalid))
                    {
                        return invalid;
                    }

                    var result = await c.Service<RecordView>().Handle(id, c.CancellationToken);
                    return result.Succeeded
                        ? MutationOutcome.Ok(("video", result.Value.Video), ("counted", result.Value.Counted))
                        : result.Failure();
                }
            );
        mutation
            .Define("setWatchHistoryPaused", "Pauses or resumes keeping your viewings in the watch history.")
            .Input<NonNullGraphType<BooleanGraphType>>("paused", "True to pause, false to resume.")
            .ViewerOutput()
            .Resolve(
                async (c, i) =>
                    AccountMutations.Viewer(
                        await c.Service<PauseWatchHistory>().Handle(i.Get<bool>("paused"), c.CancellationToken)
                    )
            );
        mutation
            .Define("clearWatchHistory", "Clears your whole watch history.")
            .Output<IntGraphType>("removedCount", "How many entries were removed.")
            .ViewerOutput()
            .Resolve(async (c, _) => await ClearAsync(c, null, null));
        mutation
            .Define("removeFromWatchHistory", "Removes one video from your watch history.")
            .Input<NonNullGraphType<IdGraphType>>("videoId", "The video's id.")
            .Output<IntGraphType>("removedCount", "How many entries were removed (0 or 1).")
            .Output<IdGraphType>("removedVideoId", "The video's id, when it was in the history.")
            .ViewerOutput()
            .Resolve(
                async (c, i) =>
                    i.TryId("videoId", NodeTypes.Video, out var id, out var invalid)
                        ? await ClearAsync(c, id, i.Get<string>("videoId"))
                        : invalid
            );
    }

    private static async Task<MutationOutcome> ClearAsync(IResolveFieldContext c, Guid? videoId, string? globalId)
    {
        var result = await c.Service<ClearWatchHistory>().Handle(videoId, c.CancellationToken);
        if (!result.Succeeded)
        {
            return result.Failure();
        }

        var viewer = await Fresh.ChannelAsync(c, c.Service<ICurrentUser>().UserId);
        return MutationOutcome.Ok(
            ("removedCount", result.Value),
            ("removedVideoId", result.Value > 0 ? globalId : null),
            ("viewer", viewer is null ? null : new ViewerView(viewer.User))
        );
    }
}
