using GraphQL.Types;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;
using StreamEngine.Web.GraphQL.Channels;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Nodes;

namespace StreamEngine.Web.GraphQL.Videos;

/// <summary>The video queries and mutations; each resolves its use case and maps the result.</summary>
public static class VideoFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query
            .Field<VideoType>("video")
            .Description("A video, if it exists and you may see it.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The video's global id.")
            .ResolveAsync(async c =>
                await c.Service<GetVideo>().Handle(NodeFields.Key(c, "id", NodeTypes.Video), c.CancellationToken)
            );

        query
            .Field<UploadSessionType>("uploadSession")
            .Description("Your upload session: the parts received so far (to resume) and fresh part URLs.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The upload session's global id.")
            .ResolveAsync(async c =>
            {
                var id = NodeFields.Key(c, "id", NodeTypes.UploadSession);
                var result = await c.Service<GetUploadSession>().Handle(id, c.CancellationToken);
                if (!result.Succeeded)
                {
                    // Signing in is required; an unknown upload (or someone else's) is simply null.
                    return result.Errors[0].Code == "NOT_AUTHENTICATED" ? result.ValueOrError() : null;
                }

                return UploadSessionView.Of(result.Value);
            });
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation
            .Define(
                "createVideoUpload",
                "Creates a video and its upload session: multipart (PUT each part to its URL, then "
                    + "completeVideoUpload) or tus (PATCH the bytes to the session's tusUrl)."
            )
            .Input<NonNullGraphType<StringGraphType>>("title", "The video's title.")
            .Input<StringGraphType>("description", "The video's description.")
            .Input<NonNullGraphType<StringGraphType>>("fileName", "The file's name, as the uploader had it.")
            .Input<NonNullGraphType<StringGraphType>>(
                "contentType",
                "video/*, audio/* (an audio-only asset with a waveform poster), or application/octet-stream."
            )
            .Input<NonNullGraphType<LongType>>("sizeBytes", "The file's exact size.")
            .Input<UploadProtocolType>("protocol", "How the file will be sent.", UploadProtocol.Multipart)
            .Output<VideoType>("video", "The new video, AWAITING_UPLOAD.")
            .Output<UploadSessionType>("upload", "Where to send the file.")
            .Resolve(
                async (c, i) =>
                {
                    var result = await c.Service<CreateVideoUpload>()
                        .Handle(
                            new(
                                i.Text("title"),
                                i.Get<string>("description"),
                                i.Text("fileName"),
                                i.Text("contentType"),
                                i.Get<long>("sizeBytes"),
                                i.Get<UploadProtocol?>("protocol") ?? UploadProtocol.Multipart
                            ),
                            c.CancellationToken
                        );
                    return result.Succeeded
                        ? MutationOutcome.Ok(
                            ("video", result.Value.Video),
                            ("upload", new UploadSessionView(result.Value.Session, result.Value.Parts, []))
                        )
                        : result.Failure();
                }
            );

        mutation
            .Define(
                "importVideo",
                "Creates a video whose file the server fetches from a public URL; it then proceeds as an upload "
                    + "(status over the subscription, FAILED with a reason if the URL cannot be fetched or is not a "
                    + "video)."
            )
            .Input<NonNullGraphType<UrlType>>("url", "An https URL of the file that resolves to public addresses.")
            .Input<NonNullGraphType<StringGraphType>>("title", "The video's title.")
            .Input<StringGraphType>("description", "The video's description.")
            .Output<VideoType>("video", "The new video, AWAITING_UPLOAD until its file is fetched.")
            .Resolve(
                async (c, i) =>
                {
                    var result = await c.Service<ImportVideo>()
                        .Handle(
                            new(i.Get<Uri>("url")?.ToString(), i.Get<string>("title"), i.Get<string>("description")),
                            c.CancellationToken
                        );
                    return result.Succeeded ? MutationOutcome.Ok(("video", result.Value)) : result.Failure();
                }
            );

        mutation
            .Define(
                "completeVideoUpload",
                "Assembles the uploaded parts, validates the file and starts transcoding. Completing again changes "
                    + "nothing."
            )
            .Input<NonNullGraphType<IdGraphType>>("uploadId", "The upload session's id.")
            .Input<NonNullGraphType<ListGraphType<NonNullGraphType<CompletedPartInputType>>>>(
                "parts",
                "Every part with the ETag its PUT answered with."
            )
            .Output<VideoType>("video", "The video, now PROCESSING.")
            .Output<UploadSessionType>("upload", "The completed session.")
            .Resolve(
                async (c, i) =>
                {
                    if (!i.TryId("uploadId", NodeTypes.UploadSession, out var uploadId, out var invalid))
                    {
                        return invalid;
                    }

                    var parts = (i.Get<System.Collections.IEnumerable>("parts") ?? Array.Empty<object>())
                        .OfType<IDictionary<string, object?>>()
                        .Select(p => new CompletedPart((int)p["partNumber"]!, (string)p["etag"]!))
                        .ToList();
                    var result = await c.Service<CompleteVideoUpload>()
                        .Handle(new(uploadId, parts), c.CancellationToken);
                    if (!result.Succeeded)
                    {
                        return result.Failure();
                    }

                    var upload = await c.Service<GetUploadSession>().Handle(uploadId, c.CancellationToken);
                    return MutationOutcome.Ok(
                        ("video", result.Value),
                        ("upload", upload.Succeeded ? UploadSessionView.Of(upload.Value) : null)
                    );
                }
            );

        mutation
            .Define("abortVideoUpload", "Abandons an upload: its bytes and its waiting video are removed.")
            .Input<NonNullGraphType<IdGraphType>>("uploadId", "The upload session's id.")
            .Output<IdGraphType>("abortedUploadId", "The id of the abandoned session.")
            .Output<IdGraphType>("deletedVideoId", "The id of the video that waited for it.")
            .Resolve(
                async (c, i) =>
                {
                    if (!i.TryId("uploadId", NodeTypes.UploadSession, out var uploadId, out var invalid))
                    {
                        return invalid;
                    }

                    var session = await c.Service<GetUploadSession>().Handle(uploadId, c.CancellationToken);
                    var result = await c.Service<AbortVideoUpload>().Handle(uploadId, c.CancellationToken);
                    return result.Succeeded
                        ? MutationOutcome.Ok(
                            ("abortedUploadId", GlobalId.Of(NodeTypes.UploadSession, uploadId)),
                            (
                                "deletedVideoId",
                                session.Succeeded ? GlobalId.Of(NodeTypes.Video, session.Value.Session.VideoId) : null
                            )
                        )
                        : result.Failure();
                }
            );

        mutation
            .Define(
                "updateVideo",
                "Changes a video's title, description, visibility or whether viewers may download it; owner only. "
                    + "Fields left out stay."
            )
            .Input<NonNullGraphType<IdGraphType>>("videoId", "The video's id.")
            .Input<StringGraphType>("title", "The new title.")
            .Input<StringGraphType>("description", "The new description; empty to clear it.")
            .Input<VisibilityType>("visibility", "Who may find and play it.")
            .Input<BooleanGraphType>("allowDownloads", "Whether viewers may download it as one MP4 file.")
            .Output<VideoType>("video", "The video as it is now.")
            .Resolve(
                async (c, i) =>
                {
                    if (!i.TryId("videoId", NodeTypes.Video, out var id, out var invalid))
                    {
                        return invalid;
                    }

                    var result = await c.Service<UpdateVideo>()
                        .Handle(
                            new(
                                id,
                                i.Get<string>("title"),
                                i.Get<string>("description"),
                                i.Get<Domain.Videos.Visibility?>("visibility"),
                                i.Get<bool?>("allowDownloads")
                            ),
                            c.CancellationToken
                        );
                    return result.Succeeded ? MutationOutcome.Ok(("video", result.Value)) : result.Failure();
                }
            );

        mutation
            .Define("deleteVideo", "Deletes a video and its files; owner only.")
            .Input<NonNullGraphType<IdGraphType>>("videoId", "The video's id.")
            .Output<IdGraphType>("deletedVideoId", "The deleted video's id.")
            .Output<ChannelType>("channel", "The channel it was on, as it is now.")
            .Resolve(
                async (c, i) =>
                {
                    if (!i.TryId("videoId", NodeTypes.Video, out var id, out var invalid))
                    {
                        return invalid;
                    }

                    var result = await c.Service<DeleteVideo>().Handle(id, c.CancellationToken);
                    return result.Succeeded
                        ? MutationOutcome.Ok(
                            ("deletedVideoId", GlobalId.Of(NodeTypes.Video, id)),
                            ("channel", await Fresh.ChannelAsync(c, c.Service<ICurrentUser>().UserId))
                        )
                        : result.Failure();
                }
            );
    }
}

public sealed class CompletedPartInputType : InputObjectGraphType
{
    public CompletedPartInputType()
    {
        Name = "CompletedPartInput";
        Description = "A part as its PUT answered.";
        Field<NonNullGraphType<IntGraphType>>("partNumber").Description("1-based.");
        Field<NonNullGraphType<StringGraphType>>("etag").Description("The ETag header the part's PUT answered with.");
    }
}
