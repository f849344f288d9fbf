using GraphQL.Types;
using StreamEngine.Application.Common;
using StreamEngine.Application.Videos;
using StreamEngine.Web.GraphQL.Channels;
using StreamEngine.Web.GraphQL.Common;

namespace StreamEngine.Web.GraphQL.Videos;

/// <summary>The mutations that change a READY video's media without re-encoding it.</summary>
public static class VideoMediaFields
{
    public static void AddMutations(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation
            .Define(
                "addVideoCaption",
                "Adds a caption track to your READY video, or replaces the track of the same language. The text (SRT "
                    + "or WebVTT, up to 1 MiB) is checked and normalised to WebVTT; the master playlist gets a "
                    + "SUBTITLES group naming it, without re-encoding."
            )
            .Input<NonNullGraphType<IdGraphType>>("videoId", "The video's id.")
            .Input<NonNullGraphType<StringGraphType>>("language", "A BCP-47 language tag, e.g. en or pt-BR.")
            .Input<NonNullGraphType<StringGraphType>>("label", "The track's name in the player's menu.")
            .Input<NonNullGraphType<CaptionFormatType>>("format", "The format of content.")
            .Input<NonNullGraphType<StringGraphType>>("content", "The caption file's text.")
            .Output<VideoType>("video", "The video as it is now.")
            .Resolve(
                async (c, i) =>
                {
                    if (!i.TryId("videoId", NodeTypes.Video, out var id, out var invalid))
                    {
                        return invalid;
                    }

                    var result = await c.Service<AddVideoCaption>()
                        .Handle(
                            new(
                                id,
                                i.Get<string>("language") ?? string.Empty,
                                i.Get<string>("label") ?? string.Empty,
                                i.Get<CaptionFormat>("format"),
                                i.Get<string>("content") ?? string.Empty
                            ),
                            c.CancellationToken
                        );
                    return result.Succeeded ? MutationOutcome.Ok(("video", result.Value)) : result.Failure();
                }
            );

        mutation
            .Define(
                "requestVideoDownload",
                "Asks for a progressive MP4 (moov first) of your READY video, remuxed from its top rendition without "
                    + "re-encoding; video.download.state goes PREPARING, then READY or FAILED, announced on the "
                    + "video's status subscription. Viewers get it when allowDownloads is on."
            )
            .Input<NonNullGraphType<IdGraphType>>("videoId", "The video's id.")
            .Output<VideoType>("video", "The video as it is now.")
            .Resolve(
                async (c, i) =>
                {
                    if (!i.TryId("videoId", NodeTypes.Video, out var id, out var invalid))
                    {
                        return invalid;
                    }

                    var result = await c.Service<RequestVideoDownload>().Handle(id, c.CancellationToken);
                    return result.Succeeded ? MutationOutcome.Ok(("video", result.Value)) : result.Failure();
                }
            );

        mutation
            .Define(
                "setVideoThumbnail",
                "Makes the frame at a time of your READY video its poster, in every poster size (no re-encode)."
            )
            .Input<NonNullGraphType<IdGraphType>>("videoId", "The video's id.")
            .Input<NonNullGraphType<FloatGraphType>>("atSeconds", "Seconds from the start, within the video.")
            .Output<VideoType>("video", "The video as it is now.")
            .Resolve(
                async (c, i) =>
                {
                    if (!i.TryId("videoId", NodeTypes.Video, out var id, out var invalid))
                    {
                        return invalid;
                    }

                    var result = await c.Service<SetVideoThumbnail>()
                        .Handle(new(id, i.Get<double>("atSeconds")), c.CancellationToken);
                    return result.Succeeded ? MutationOutcome.Ok(("video", result.Value)) : result.Failure();
                }
            );

        mutation
            .Define(
                "createVideoThumbnailUpload",
                "A signed URL to PUT a custom poster for your READY video to (JPEG, PNG, WebP, GIF or BMP, at most "
                    + "10 MiB), then completeVideoThumbnailUpload with the token."
            )
            .Input<NonNullGraphType<IdGraphType>>("videoId", "The video's id.")
            .Input<NonNullGraphType<LongType>>("sizeBytes", "The file's exact size.")
            .Output<ChannelImageUploadType>("upload", "Where to PUT the image.")
            .Resolve(
                async (c, i) =>
                {
                    if (!i.TryId("videoId", NodeTypes.Video, out var id, out var invalid))
                    {
                        return invalid;
                    }

                    var result = await c.Service<BeginVideoThumbnailUpload>()
                        .Handle(new(id, i.Get<long>("sizeBytes")), c.CancellationToken);
                    return result.Succeeded ? MutationOutcome.Ok(("upload", result.Value)) : result.Failure();
                }
            );

        mutation
            .Define(
                "completeVideoThumbnailUpload",
                "Checks the uploaded file is an image and makes it your video's poster, scaled to cover and "
                    + "centre-cropped to the video's shape in every poster size."
            )
            .Input<NonNullGraphType<IdGraphType>>("videoId", "The video's id.")
            .Input<NonNullGraphType<StringGraphType>>("token", "The token createVideoThumbnailUpload returned.")
            .Output<VideoType>("video", "The video as it is now.")
            .Resolve(
                async (c, i) =>
                {
                    if (!i.TryId("videoId", NodeTypes.Video, out var id, out var invalid))
                    {
                        return invalid;
                    }

                    var result = await c.Service<CompleteVideoThumbnailUpload>()
                        .Handle(new(id, i.Text("token")), c.CancellationToken);
                    return result.Succeeded ? MutationOutcome.Ok(("video", result.Value)) : result.Failure();
                }
            );

        mutation
            .Define("deleteVideoCaption", "Removes the caption track of a language from your video.")
            .Input<NonNullGraphType<IdGraphType>>("videoId", "The video's id.")
            .Input<NonNullGraphType<StringGraphType>>("language", "The track's BCP-47 language tag.")
            .Output<VideoType>("video", "The video as it is now.")
            .Resolve(
                async (c, i) =>
                {
                    if (!i.TryId("videoId", NodeTypes.Video, out var id, out var invalid))
                    {
                        return invalid;
                    }

                    var result = await c.Service<DeleteVideoCaption>()
                        .Handle(new(id, i.Get<string>("language") ?? string.Empty), c.CancellationToken);
                    return result.Succeeded ? MutationOutcome.Ok(("video", result.Value)) : result.Failure();
                }
            );
    }
}

public sealed class CaptionFormatType : EnumerationGraphType
{
    public CaptionFormatType()
    {
        Name = "CaptionFormat";
        Description = "The formats caption text may be sent in.";
        Add("SRT", CaptionFormat.Srt, "SubRip: numbered cues, times as 00:00:01,000.");
        Add("WEBVTT", CaptionFormat.WebVtt, "WebVTT: a WEBVTT header, times as 00:00:01.000.");
    }
}

public sealed class CaptionType : ObjectGraphType<CaptionView>
{
    public CaptionType()
    {
        Name = "Caption";
        Description = "A caption track of a video.";
        Field<NonNullGraphType<StringGraphType>>("language")
            .Description("Its BCP-47 language tag.")
            .Resolve(c => c.Source.Caption.Language);
        Field<NonNullGraphType<StringGraphType>>("label")
            .Description("Its name in the player's menu.")
            .Resolve(c => c.Source.Caption.Label);
        Field<NonNullGraphType<UrlType>>("url")
            .Description("The WebVTT file, signed like the playback.")
            .Resolve(c => c.Source.Url);
    }
}

public sealed class DownloadStateType : EnumerationGraphType
{
    public DownloadStateType()
    {
        Name = "DownloadState";
        Description = "Where a video's MP4 download stands.";
        Add("PREPARING", Domain.Videos.DownloadState.Preparing, "Being remuxed from the top rendition.");
        Add("READY", Domain.Videos.DownloadState.Ready, "Ready to download.");
        Add("FAILED", Domain.Videos.DownloadState.Failed, "Could not be made; ask again.");
    }
}

public sealed class VideoDownloadType : ObjectGraphType<DownloadView>
{
    public VideoDownloadType()
    {
        Name = "VideoDownload";
        Description = "A video as one progressive MP4 file (moov before mdat, so it plays while it downloads).";
        Field<NonNullGraphType<DownloadStateType>>("state")
            .Description("Where it stands.")
            .Resolve(c => c.Source.State);
        Field<UrlType>("url").Description("The file, signed like the playback, once READY.").Resolve(c => c.Source.Url);
        Field<LongType>("sizeBytes").Description("Its size, once READY.").Resolve(c => c.Source.SizeBytes);
    }
}

public sealed class ThumbnailType : ObjectGraphType<ThumbnailView>
{
    public ThumbnailType()
    {
        Name = "Thumbnail";
        Description = "One size of a video's poster (JPEG).";
        Field<NonNullGraphType<IntGraphType>>("width").Description("Width in pixels.").Resolve(c => c.Source.Width);
        Field<NonNullGraphType<IntGraphType>>("height").Description("Height in pixels.").Resolve(c => c.Source.Height);
        Field<NonNullGraphType<UrlType>>("url").Description("The image, signed.").Resolve(c => c.Source.Url);
    }
}
