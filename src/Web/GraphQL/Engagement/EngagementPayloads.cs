using GraphQL.Types;
using StreamEngine.Application.Engagement;
using StreamEngine.Domain.Engagement;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Videos;

namespace StreamEngine.Web.GraphQL.Engagement;

public sealed class CommentPayloadType() : PayloadGraphType<CommentType, Comment>("CommentPayload", "comment");

public sealed class DeleteCommentPayloadType()
    : PayloadGraphType<IdGraphType, Guid>("DeleteCommentPayload", "deletedCommentId");

public sealed class ClearWatchHistoryPayloadType()
    : PayloadGraphType<IntGraphType, int>("ClearWatchHistoryPayload", "removedCount");

public sealed class RecordViewPayloadType : ObjectGraphType<Payload<ViewOutcome>>
{
    public RecordViewPayloadType()
    {
        Name = "RecordViewPayload";
        Field<VideoType>("video").Resolve(c => c.Source.Value?.Video);
        Field<BooleanGraphType>("counted")
            .Description("Whether this viewing counted as a view (once per viewer per window).")
            .Resolve(c => c.Source.Value?.Counted);
        this.AddErrorsField(p => p.Errors);
    }
}
