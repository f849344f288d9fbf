using GraphQL.Types;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Engagement;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;
using StreamEngine.Web.GraphQL.Batching;
using StreamEngine.Web.GraphQL.Channels;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Engagement;
using StreamEngine.Web.GraphQL.Users;

namespace StreamEngine.Web.GraphQL.Videos;

public sealed class VideoStatusType : EnumerationGraphType
{
    public VideoStatusType()
    {
        Name = "VideoStatus";
        Add(
            "AWAITING_UPLOAD",
            VideoStatus.AwaitingUpload,
            "Created; its file has not been uploaded and completed yet."
        );
        Add("PROCESSING", VideoStatus.Processing, "Uploaded and being transcoded.");
        Add("READY", VideoStatus.Ready, "Transcoded and playable.");
        Add("FAILED", VideoStatus.Failed, "Refused or failed; failureReason says why.");
    }
}

public sealed class VisibilityType : EnumerationGraphType
{
    public VisibilityType()
    {
        Name = "Visibility";
        Add("PUBLIC", Visibility.Public, "Listed and playable by anyone.");
        Add("UNLISTED", Visibility.Unlisted, "Playable by anyone with its id, never listed.");
        Add("PRIVATE", Visibility.Private, "Only its owner sees it.");
    }
}

public sealed record VideoProgress(string Stage, double Percent);

public sealed class VideoProgressType : ObjectGraphType<VideoProgress>
{
    public VideoProgressType()
    {
        Name = "VideoProgress";
        Field(p => p.Stage).Description("QUEUED, PROBING, ENCODING, PACKAGING, THUMBNAIL or DONE.");
        Field(p => p.Percent).Description("Percent of the stage, 0 to 100.");
    }
}

public sealed class RenditionType : ObjectGraphType<Rendition>
{
    public RenditionType()
    {
        Name = "Rendition";
        Field(r => r.Name).Description("e.g. 720p.");
        Field(r => r.Width);
        Field(r => r.Height);
        Field(r => r.Bandwidth, type: typeof(NonNullGraphType<LongGraphType>))
            .Description("Peak bits per second, measured from the segments.");
        Field(r => r.AverageBandwidth, type: typeof(NonNullGraphType<LongGraphType>))
            .Description("Average bits per second.");
        Field(r => r.Codecs).Description("RFC 6381 codecs, e.g. avc1.64001f,mp4a.40.2.");
    }
}

public sealed class PlaybackType : ObjectGraphType<SignedPlayback>
{
    public PlaybackType()
    {
        Name = "Playback";
        Field<NonNullGraphType<StringGraphType>>("hlsUrl")
            .Description("The master playlist; signed, it works until expiresAt.")
            .Resolve(c => c.Source.HlsUrl.ToString());
        Field<NonNullGraphType<DateTimeType>>("expiresAt").Resolve(c => c.Source.ExpiresAt);
    }
}

public sealed class VideoType : ObjectGraphType<Video>
{
    public VideoType()
    {
        Name = "Video";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field(v => v.Title);
        Field(v => v.Description, nullable: true);
        Field<NonNullGraphType<VisibilityType>>("visibility").Resolve(c => c.Source.Visibility);
        Field<NonNullGraphType<VideoStatusType>>("status").Resolve(c => c.Source.Status);
        Field<StringGraphType>("failureReason")
            .Description("Why the video FAILED; its owner only.")
            .Resolve(c =>
                VideoAccess.IsOwner(c.Source, c.Service<ICurrentUser>().UserId) ? c.Source.FailureReason : null
            );
        Field<VideoProgressType>("progress")
            .Description("Transcode progress while PROCESSING; its owner only.")
            .Resolve(c =>
                c.Source.ProgressStage is { } stage && VideoAccess.IsOwner(c.Source, c.Service<ICurrentUser>().UserId)
                    ? new VideoProgress(stage, c.Source.ProgressPercent)
                    : null
            );
        Field(v => v.DurationSeconds, nullable: true);
        Field(v => v.Width, nullable: true);
        Field(v => v.Height, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RenditionType>>>>("renditions")
            .Resolve(c => c.Source.Renditions);
        Field<StringGraphType>("thumbnailUrl")
            .Description("A signed URL of the poster image, once READY.")
            .Resolve(c => c.Service<GetPlayback>().Handle(c.Source)?.PosterUrl.ToString());
        Field<PlaybackType>("playback")
            .Description("Signed HLS playback, once READY.")
            .Resolve(c => c.Service<GetPlayback>().Handle(c.Source));
        Field<NonNullGraphType<UserType>>("owner").Resolve(c => c.User(c.Source.OwnerId));
        Field<NonNullGraphType<ChannelType>>("channel")
            .Description("The owner's channel.")
            .Resolve(c => c.User(c.Source.OwnerId));
        Field<NonNullGraphType<LongGraphType>>("viewCount")
            .Description("Views, each viewer counted once per window.")
            .Resolve(c => c.Source.ViewCount);
        Field<NonNullGraphType<LongGraphType>>("likeCount").Resolve(c => c.Source.LikeCount);
        Field<NonNullGraphType<LongGraphType>>("commentCount")
            .Description("Comments and replies.")
            .Resolve(c => c.Source.CommentCount);
        Field<NonNullGraphType<BooleanGraphType>>("viewerHasLiked")
            .Description("Whether you like it (false when anonymous).")
            .Resolve(c => c.ViewerLikesVideo(c.Source.Id));
        Field<NonNullGraphType<CommentConnectionType>>("comments")
            .Description("Top-level comments, newest first.")
            .PageArguments()
            .ResolveAsync(async c =>
                (
                    await c.Service<ListComments>().Handle(new(c.Source, null, c.ReadPage()), c.CancellationToken)
                ).ValueOrError()
            );
        Field<NonNullGraphType<DateTimeType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<DateTimeType>("publishedAt")
            .Description("When it first became READY.")
            .Resolve(c => c.Source.PublishedAt);
    }
}

public sealed class HttpHeaderType : ObjectGraphType<KeyValuePair<string, string>>
{
    public HttpHeaderType()
    {
        Name = "HttpHeader";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Key);
        Field<NonNullGraphType<StringGraphType>>("value").Resolve(c => c.Source.Value);
    }
}

public sealed class UploadPartType : ObjectGraphType<UploadPartTarget>
{
    public UploadPartType()
    {
        Name = "UploadPart";
        Description =
            "PUT this part's bytes to url with these headers; the answer's ETag header goes into completeVideoUpload.";
        Field(p => p.PartNumber);
        Field<NonNullGraphType<StringGraphType>>("url").Resolve(c => c.Source.Url.ToString());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<HttpHeaderType>>>>("headers")
            .Resolve(c => c.Source.Headers.ToList());
    }
}

public sealed class ReceivedPartType : ObjectGraphType<ReceivedPart>
{
    public ReceivedPartType()
    {
        Name = "ReceivedPart";
        Field(p => p.PartNumber);
        Field(p => p.SizeBytes, type: typeof(NonNullGraphType<LongGraphType>));
        Field("etag", p => p.ETag);
    }
}

public sealed record UploadSessionView(
    Domain.Videos.UploadSession Session,
    IReadOnlyList<UploadPartTarget> Parts,
    IReadOnlyList<ReceivedPart> Received
);

public sealed class UploadSessionType : ObjectGraphType<UploadSessionView>
{
    public UploadSessionType()
    {
        Name = "UploadSession";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Session.Id);
        Field<NonNullGraphType<IdGraphType>>("videoId").Resolve(c => c.Source.Session.VideoId);
        Field<NonNullGraphType<LongGraphType>>("sizeBytes").Resolve(c => c.Source.Session.SizeBytes);
        Field<NonNullGraphType<LongGraphType>>("partSizeBytes")
            .Description("Every part but the last has exactly this size.")
            .Resolve(c => c.Source.Session.PartSizeBytes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UploadPartType>>>>("parts")
            .Description("Empty once the session is closed.")
            .Resolve(c => c.Source.Parts);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReceivedPartType>>>>("receivedParts")
            .Description("Parts already stored, to resume.")
            .Resolve(c => c.Source.Received);
        Field<NonNullGraphType<DateTimeType>>("expiresAt").Resolve(c => c.Source.Session.ExpiresAt);
        Field<DateTimeType>("completedAt").Resolve(c => c.Source.Session.CompletedAt);
    }
}
