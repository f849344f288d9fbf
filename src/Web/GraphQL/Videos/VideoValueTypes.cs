using GraphQL.Types;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;
using StreamEngine.Web.GraphQL.Common;

namespace StreamEngine.Web.GraphQL.Videos;

public sealed class VideoStatusType : EnumerationGraphType
{
    public VideoStatusType()
    {
        Name = "VideoStatus";
        Description = "Where a video is between upload and playback.";
        Add(
            "AWAITING_UPLOAD",
            VideoStatus.AwaitingUpload,
            "Created; its file has not been uploaded and completed yet."
        );
        Add(
            "PROCESSING",
            VideoStatus.Processing,
            "Uploaded and being transcoded; it may already play from its start (see `Video.playable`)."
        );
        Add("READY", VideoStatus.Ready, "Transcoded and playable.");
        Add("FAILED", VideoStatus.Failed, "Refused or failed; failureReason says why.");
    }
}

public sealed class VisibilityType : EnumerationGraphType
{
    public VisibilityType()
    {
        Name = "Visibility";
        Description = "Who may find and open a video or playlist.";
        Add("PUBLIC", Visibility.Public, "Listed and playable by anyone.");
        Add("UNLISTED", Visibility.Unlisted, "Playable by anyone with its id, never listed.");
        Add("PRIVATE", Visibility.Private, "Only its owner sees it.");
    }
}

public sealed class UploadProtocolType : EnumerationGraphType
{
    public UploadProtocolType()
    {
        Name = "UploadProtocol";
        Description = "How a client sends a video's file.";
        Add(
            "MULTIPART",
            Domain.Videos.UploadProtocol.Multipart,
            "PUT each part to its signed URL, then completeVideoUpload (S3's multipart contract)."
        );
        Add(
            "TUS",
            Domain.Videos.UploadProtocol.Tus,
            "tus 1.0 resumable upload: PATCH the bytes to tusUrl (or POST to /uploads/tus with this video's id in "
                + "Upload-Metadata as videoId); the upload completes with its last byte."
        );
    }
}

/// <summary>The stages a pipeline reports, in order.</summary>
public sealed class TranscodeStageType : EnumerationGraphType
{
    public static readonly IReadOnlyDictionary<string, string> Stages = new Dictionary<string, string>(
        StringComparer.Ordinal
    )
    {
        ["QUEUED"] = "Waiting for a worker.",
        ["UPLOADING"] = "Handing the source to the transcoding service (Cloudinary).",
        ["PROBING"] = "Reading the source's streams.",
        ["ENCODING"] = "Encoding the renditions.",
        ["PACKAGING"] = "Writing the HLS playlists.",
        ["THUMBNAIL"] = "Extracting the poster image.",
        ["DONE"] = "Finished.",
    };

    public TranscodeStageType()
    {
        Name = "TranscodeStage";
        Description = "A step of transcoding.";
        foreach (var (stage, description) in Stages)
        {
            Add(stage, stage, description);
        }
    }
}

public sealed record VideoProgress(string Stage, double Percent);

public sealed class VideoProgressType : ObjectGraphType<VideoProgress>
{
    public VideoProgressType()
    {
        Name = "VideoProgress";
        Description = "How far transcoding has come.";
        Field<NonNullGraphType<TranscodeStageType>>("stage")
            .Description("The current stage.")
            .Resolve(c => TranscodeStageType.Stages.ContainsKey(c.Source.Stage) ? c.Source.Stage : "ENCODING");
        Field(p => p.Percent).Description("Percent of the stage, 0 to 100.");
    }
}

public sealed class RenditionType : ObjectGraphType<Rendition>
{
    public RenditionType()
    {
        Name = "Rendition";
        Description = "One quality of the HLS ladder.";
        Field(r => r.Name).Description("e.g. 720p.");
        Field(r => r.Width).Description("Width in pixels.");
        Field(r => r.Height).Description("Height in pixels.");
        Field(r => r.Bandwidth, type: typeof(NonNullGraphType<LongType>))
            .Description("Peak bits per second, measured from the segments.");
        Field(r => r.AverageBandwidth, type: typeof(NonNullGraphType<LongType>))
            .Description("Average bits per second.");
        Field(r => r.Codecs).Description("RFC 6381 codecs, e.g. avc1.64001f,mp4a.40.2.");
    }
}

public sealed class PlaybackType : ObjectGraphType<SignedPlayback>
{
    public PlaybackType()
    {
        Name = "Playback";
        Description = "Signed HLS playback.";
        Field<NonNullGraphType<UrlType>>("hlsUrl")
            .Description("The master playlist; signed, it works until expiresAt.")
            .Resolve(c => c.Source.HlsUrl);
        Field<NonNullGraphType<DateTimeType>>("expiresAt")
            .Description("When the signed links stop working; ask for the video again after that.")
            .Resolve(c => c.Source.ExpiresAt);
    }
}

public sealed class HttpHeaderType : ObjectGraphType<KeyValuePair<string, string>>
{
    public HttpHeaderType()
    {
        Name = "HttpHeader";
        Description = "An HTTP header a request must carry.";
        Field<NonNullGraphType<StringGraphType>>("name").Description("The header's name.").Resolve(c => c.Source.Key);
        Field<NonNullGraphType<StringGraphType>>("value").Description("Its value.").Resolve(c => c.Source.Value);
    }
}

public sealed class UploadPartType : ObjectGraphType<UploadPartTarget>
{
    public UploadPartType()
    {
        Name = "UploadPart";
        Description =
            "PUT this part's bytes to url with these headers; the answer's ETag header goes into completeVideoUpload.";
        Field(p => p.PartNumber).Description("1-based.");
        Field<NonNullGraphType<UrlType>>("url").Description("Where to PUT the part.").Resolve(c => c.Source.Url);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<HttpHeaderType>>>>("headers")
            .Description("Headers the PUT must carry.")
            .Resolve(c => c.Source.Headers.ToList());
    }
}

public sealed class ReceivedPartType : ObjectGraphType<ReceivedPart>
{
    public ReceivedPartType()
    {
        Name = "ReceivedPart";
        Description = "A part the server has stored.";
        Field(p => p.PartNumber).Description("1-based.");
        Field(p => p.SizeBytes, type: typeof(NonNullGraphType<LongType>)).Description("Its size.");
        Field("etag", p => p.ETag).Description("The ETag its PUT answered with.");
    }
}
