using GraphQL.Types;
using StreamEngine.Application.Common;
using StreamEngine.Application.Engagement;
using StreamEngine.Domain.Engagement;
using StreamEngine.Domain.Users;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Videos;

namespace StreamEngine.Web.GraphQL.Engagement;

/// <summary>A mutation's result: the value on success and the expected failures.</summary>
public sealed record Payload<T>(T? Value, IReadOnlyList<Error> Errors);

public abstract class PayloadGraphType<TGraph, T> : ObjectGraphType<Payload<T>>
    where TGraph : IGraphType
{
    protected PayloadGraphType(string name, string field)
    {
        Name = name;
        Field<TGraph>(field).Resolve(c => c.Source.Value);
        this.AddErrorsField(p => p.Errors);
    }
}

public sealed class ChannelPayloadType() : PayloadGraphType<ChannelType, User>("ChannelPayload", "channel");

public sealed class CommentPayloadType() : PayloadGraphType<CommentType, Comment>("CommentPayload", "comment");

public sealed class DeleteCommentPayloadType() : PayloadGraphType<IdGraphType, Guid>("DeleteCommentPayload", "deletedCommentId");

public sealed class PlaylistPayloadType() : PayloadGraphType<PlaylistType, Playlist>("PlaylistPayload", "playlist");

public sealed class DeletePlaylistPayloadType() : PayloadGraphType<IdGraphType, Guid>("DeletePlaylistPayload", "deletedPlaylistId");

public sealed class ClearWatchHistoryPayloadType() : PayloadGraphType<IntGraphType, int>("ClearWatchHistoryPayload", "removedCount");

public sealed class DeleteAccountPayloadType() : PayloadGraphType<IdGraphType, Guid>("DeleteAccountPayload", "deletedUserId");

public sealed class RecordViewPayloadType : ObjectGraphType<Payload<ViewOutcome>>
{
    public RecordViewPayloadType()
    {
        Name = "RecordViewPayload";
        Field<VideoType>("video").Resolve(c => c.Source.Value?.Video);
        Field<BooleanGraphType>("counted").Description("Whether this viewing counted as a view (once per viewer per window).")
            .Resolve(c => c.Source.Value?.Counted);
        this.AddErrorsField(p => p.Errors);
    }
}

public sealed class ChannelImageKindType : EnumerationGraphType<ChannelImageKind>
{
    public ChannelImageKindType()
    {
        Name = "ChannelImageKind";
        Description = "AVATAR: 256 x 256; BANNER: 2048 x 512 (JPEG, scaled to cover and centre-cropped).";
    }
}

public sealed class ChannelImageUploadType : ObjectGraphType<Application.Abstractions.ChannelImageUpload>
{
    public ChannelImageUploadType()
    {
        Name = "ChannelImageUpload";
        Description = "PUT the image's bytes to url with these headers, then completeChannelImageUpload with the token.";
        Field<NonNullGraphType<StringGraphType>>("url").Resolve(c => c.Source.Url.ToString());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<HttpHeaderType>>>>("headers").Resolve(c => c.Source.Headers.ToList());
        Field(u => u.Token);
        Field<NonNullGraphType<DateTimeType>>("expiresAt").Resolve(c => c.Source.ExpiresAt);
    }
}

public sealed class ChannelImageUploadPayloadType() : PayloadGraphType<ChannelImageUploadType, Application.Abstractions.ChannelImageUpload>("ChannelImageUploadPayload", "upload");
