using GraphQL.Types;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Engagement;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Configuration;
using StreamEngine.Web.Endpoints;
using StreamEngine.Web.GraphQL.Batching;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Engagement;
using StreamEngine.Web.GraphQL.Nodes;
using StreamEngine.Web.GraphQL.Users;

namespace StreamEngine.Web.GraphQL.Videos;

public sealed class VideoType : ObjectGraphType<Video>
{
    public VideoType()
    {
        Name = "Video";
        Description = "An uploaded video: its state, its figures and, once READY, its signed playback.";
        this.AddNodeId(NodeTypes.Video, v => v.Id);
        Field(v => v.Title).Description("Its title.");
        Field(v => v.Description, nullable: true).Description("Its description, or null.");
        Field<NonNullGraphType<VisibilityType>>("visibility")
            .Description("Who may find and play it.")
            .Resolve(c => c.Source.Visibility);
        Field<NonNullGraphType<VideoStatusType>>("status")
            .Description("Where it is between upload and playback.")
            .Resolve(c => c.Source.Status);
        Field<NonNullGraphType<BooleanGraphType>>("playable")
            .Description(
                "Whether it plays now: READY, or still PROCESSING with the first segments of every quality out (its "
                    + "playlists then grow as the encode goes on, and end when it is READY)."
            )
            .Resolve(c => c.Source.IsPlayable);
        Field<StringGraphType>("failureReason")
            .Description("Why the video FAILED; its owner only.")
            .Resolve(c => IsOwner(c) ? c.Source.FailureReason : null);
        Field<VideoProgressType>("progress")
            .Description("Transcode progress while PROCESSING; its owner only.")
            .Resolve(c =>
                c.Source.ProgressStage is { } stage && IsOwner(c)
                    ? new VideoProgress(stage, c.Source.ProgressPercent)
                    : null
            );
        Field(v => v.DurationSeconds, nullable: true).Description("Its length in seconds, once probed.");
        Field(v => v.Width, nullable: true).Description("The source's display width in pixels, once probed.");
        Field(v => v.Height, nullable: true).Description("The source's display height in pixels, once probed.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RenditionType>>>>("renditions")
            .Description("The encoded qualities, highest first; empty until READY.")
            .Resolve(c => c.Source.Renditions);
        Field<SignedLinkType>("thumbnail")
            .Description("The poster image (JPEG) in its largest size, signed, once READY.")
            .Resolve(c =>
                c.Source.IsReady && c.Service<GetPlayback>().Handle(c.Source) is { } p
                    ? new SignedLink(
                        c.Service<GetThumbnails>().Handle(c.Source) is [var largest, ..] ? largest.Url : p.PosterUrl,
                        p.ExpiresAt
                    )
                    : null
            );
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ThumbnailType>>>>("thumbnails")
            .Description("The poster in its sizes (e.g. 1280x720 for a player, 320x180 for a list), largest first.")
            .Resolve(c => c.Service<GetThumbnails>().Handle(c.Source));
        Field<PlaybackType>("playback")
            .Description("Signed HLS playback, once playable (see `playable`).")
            .Resolve(c => c.Service<GetPlayback>().Handle(c.Source));
        Field<StoryboardType>("storyboard")
            .Description(
                "Timeline previews (a sprite and a WebVTT file of its tiles), signed, once READY; null where the "
                    + "pipeline makes none (Cloudinary)."
            )
            .Resolve(c => c.Service<GetStoryboard>().Handle(c.Source));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CaptionType>>>>("captions")
            .Description("Caption tracks, signed, once READY; the master playlist lists them as its SUBTITLES group.")
            .Resolve(c => c.Service<GetCaptions>().Handle(c.Source));
        Field<NonNullGraphType<BooleanGraphType>>("allowDownloads")
            .Description("Whether viewers may download it (its owner always may).")
            .Resolve(c => c.Source.AllowDownloads);
        Field<VideoDownloadType>("download")
            .Description(
                "The MP4 download: its owner sees it in every state, others once READY when downloads are allowed."
            )
            .Resolve(c => c.Service<GetDownload>().Handle(c.Source));
        Field<NonNullGraphType<UserType>>("owner")
            .Description("Who uploaded it.")
            .Resolve(c => c.User(c.Source.OwnerId));
        Field<NonNullGraphType<Channels.ChannelType>>("channel")
            .Description("The owner's channel.")
            .Resolve(c => c.User(c.Source.OwnerId).Then(u => new ChannelView(u!)));
        Field<NonNullGraphType<LongType>>("viewCount")
            .Description("Views, each viewer counted once per window.")
            .Resolve(c => c.Source.ViewCount);
        Field<NonNullGraphType<LongType>>("likeCount")
            .Description("How many like it.")
            .Resolve(c => c.Source.LikeCount);
        Field<NonNullGraphType<LongType>>("commentCount")
            .Description("Comments and replies.")
            .Resolve(c => c.Source.CommentCount);
        Field<NonNullGraphType<BooleanGraphType>>("viewerHasLiked")
            .Description("Whether you like it (false when anonymous).")
            .Resolve(c => c.ViewerLikesVideo(c.Source.Id));
        Field<NonNullGraphType<BooleanGraphType>>("viewerCanUpdate")
            .Description("Whether you may change its title, description or visibility (its owner may).")
            .Resolve(c => IsOwner(c));
        Field<NonNullGraphType<BooleanGraphType>>("viewerCanDelete")
            .Description("Whether you may delete it (its owner may).")
            .Resolve(c => IsOwner(c));
        Field<NonNullGraphType<CommentConnectionType>>("comments")
            .Description("Top-level comments, newest first.")
            .PageArguments()
            .ResolveAsync(async c =>
                (
                    await c.Service<ListComments>().Handle(new(c.Source, null, c.ReadPage()), c.CancellationToken)
                ).ValueOrError()
            );
        Field<NonNullGraphType<DateTimeType>>("createdAt")
            .Description("When the upload was created.")
            .Resolve(c => c.Source.CreatedAt);
        Field<DateTimeType>("publishedAt")
            .Description("When it first became READY.")
            .Resolve(c => c.Source.PublishedAt);
    }

    private static bool IsOwner(global::GraphQL.IResolveFieldContext<Video> c) =>
        VideoAccess.IsOwner(c.Source, c.Service<ICurrentUser>().UserId);
}

public sealed class UploadSessionType : ObjectGraphType<UploadSessionView>
{
    public UploadSessionType()
    {
        Name = "UploadSession";
        Description =
            "An upload of a video's file: multipart (PUT the parts, then completeVideoUpload) or tus (PATCH the bytes "
            + "to tusUrl).";
        this.AddNodeId(NodeTypes.UploadSession, u => u.Session.Id);
        Field<NonNullGraphType<VideoType>>("video")
            .Description("The video the file is for.")
            .Resolve(c => c.Video(c.Source.Session.VideoId));
        Field<NonNullGraphType<LongType>>("sizeBytes")
            .Description("The file's declared size.")
            .Resolve(c => c.Source.Session.SizeBytes);
        Field<NonNullGraphType<UploadProtocolType>>("protocol")
            .Description("How the file is sent.")
            .Resolve(c => c.Source.Session.Protocol);
        Field<UrlType>("tusUrl")
            .Description("A tus upload's URL (HEAD it to resume); null for a multipart upload.")
            .Resolve(c =>
                c.Source.Session.Protocol == UploadProtocol.Tus
                    ? TusProtocol.UrlOf(c.Service<IPublicUrls>().BaseUrl, c.Source.Session.Id)
                    : null
            );
        Field<NonNullGraphType<LongType>>("partSizeBytes")
            .Description("Every part but the last has exactly this size.")
            .Resolve(c => c.Source.Session.PartSizeBytes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UploadPartType>>>>("parts")
            .Description("Where to PUT each part; empty once the session is closed.")
            .Resolve(c => c.Source.Parts);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReceivedPartType>>>>("receivedParts")
            .Description("Parts already stored, to resume.")
            .Resolve(c => c.Source.Received);
        Field<NonNullGraphType<DateTimeType>>("expiresAt")
            .Description("When the session and its part URLs stop working.")
            .Resolve(c => c.Source.Session.ExpiresAt);
        Field<DateTimeType>("completedAt")
            .Description("When completeVideoUpload succeeded, or null.")
            .Resolve(c => c.Source.Session.CompletedAt);
    }
}

public sealed record UploadSessionView(
    Domain.Videos.UploadSession Session,
    IReadOnlyList<UploadPartTarget> Parts,
    IReadOnlyList<ReceivedPart> Received
)
{
    public static UploadSessionView Of(UploadState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new(state.Session, state.Parts, state.ReceivedParts);
    }
}
