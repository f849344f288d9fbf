using GraphQL.Types;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Engagement;
using StreamEngine.Domain.Engagement;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Videos;

namespace StreamEngine.Web.GraphQL.Engagement;

/// <summary>Comment mutations: each payload carries every object whose figures changed.</summary>
public static class CommentFields
{
    public static void AddMutations(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        foreach (var (name, like) in new[] { ("likeComment", true), ("unlikeComment", false) })
        {
            mutation
                .Define(
                    name,
                    like ? "Likes a comment once; liking again changes nothing." : "Takes your like back; idempotent."
                )
                .Input<NonNullGraphType<IdGraphType>>("commentId", "The comment's id.")
                .Output<CommentType>("comment", "The comment with its new likeCount and viewerHasLiked.")
                .Resolve(
                    async (c, i) =>
                    {
                        if (!i.TryId("commentId", NodeTypes.Comment, out var id, out var invalid))
                        {
                            return invalid;
                        }

                        var result = await c.Service<SetCommentLike>().Handle(new(id, like), c.CancellationToken);
                        return result.Succeeded
                            ? MutationOutcome.Ok(("comment", await Fresh.CommentAsync(c, result.Value)))
                            : result.Failure();
                    }
                );
        }

        mutation
            .Define("addComment", "Comments on a READY video you may watch, or replies to a top-level comment.")
            .Input<NonNullGraphType<IdGraphType>>("videoId", "The video's id.")
            .Input<NonNullGraphType<StringGraphType>>("body", "The text (1 to 10,000 characters).")
            .Input<IdGraphType>("parentId", "The top-level comment to reply to.")
            .Output<CommentType>("comment", "The new comment.")
            .Output<EdgeGraphType<CommentType, Comment>>(
                "commentEdge",
                "The new comment as an edge of its list (the video's comments, or the parent's replies)."
            )
            .Output<VideoType>("video", "The video with its new commentCount.")
            .Output<CommentType>(
                "parent",
                "The comment replied to, with its new replyCount; null for a top-level comment."
            )
            .Resolve(
                async (c, i) =>
                {
                    if (!i.TryId("videoId", NodeTypes.Video, out var videoId, out var invalid))
                    {
                        return invalid;
                    }

                    if (!i.TryOptionalId("parentId", NodeTypes.Comment, out var parentId, out var invalidParent))
                    {
                        return invalidParent;
                    }

                    var result = await c.Service<AddComment>()
                        .Handle(new(videoId, parentId, i.Get<string>("body")), c.CancellationToken);
                    if (!result.Succeeded)
                    {
                        return result.Failure();
                    }

                    var comment = result.Value;
                    return MutationOutcome.Ok(
                        ("comment", comment),
                        ("commentEdge", new Edge<Comment>(comment, c.Service<ICommentQueries>().CursorOf(comment))),
                        ("video", await Fresh.VideoAsync(c, comment.VideoId)),
                        ("parent", await Fresh.CommentAsync(c, comment.ParentId))
                    );
                }
            );
        mutation
            .Define("updateComment", "Changes your comment's text.")
            .Input<NonNullGraphType<IdGraphType>>("commentId", "The comment's id.")
            .Input<NonNullGraphType<StringGraphType>>("body", "The new text (1 to 10,000 characters).")
            .Output<CommentType>("comment", "The comment as it is now.")
            .Resolve(
                async (c, i) =>
                {
                    if (!i.TryId("commentId", NodeTypes.Comment, out var id, out var invalid))
                    {
                        return invalid;
                    }

                    var result = await c.Service<EditComment>()
                        .Handle(new(id, i.Get<string>("body")), c.CancellationToken);
                    return result.Succeeded ? MutationOutcome.Ok(("comment", result.Value)) : result.Failure();
                }
            );
        mutation
            .Define("deleteComment", "Deletes a comment (with its replies): its author's, or any on your video.")
            .Input<NonNullGraphType<IdGraphType>>("commentId", "The comment's id.")
            .Output<IdGraphType>("deletedCommentId", "The deleted comment's id.")
            .Output<VideoType>("video", "The video with its new commentCount.")
            .Output<CommentType>(
                "parent",
                "The comment it replied to, with its new replyCount; null for a top-level comment."
            )
            .Resolve(
                async (c, i) =>
                {
                    if (!i.TryId("commentId", NodeTypes.Comment, out var id, out var invalid))
                    {
                        return invalid;
                    }

                    var result = await c.Service<DeleteComment>().Handle(id, c.CancellationToken);
                    return result.Succeeded
                        ? MutationOutcome.Ok(
                            ("deletedCommentId", GlobalId.Of(NodeTypes.Comment, id)),
                            ("video", await Fresh.VideoAsync(c, result.Value.VideoId)),
                            ("parent", await Fresh.CommentAsync(c, result.Value.ParentId))
                        )
                        : result.Failure();
                }
            );
    }
}
