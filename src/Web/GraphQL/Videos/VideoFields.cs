using GraphQL;
using GraphQL.Types;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Videos;
using StreamEngine.Web.GraphQL.Common;

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
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
                Guid.TryParse(c.GetArgument<string>("id"), out var id)
                    ? await c.Service<GetVideo>().Handle(id, c.CancellationToken)
                    : null
            );

        query
            .Field<UploadSessionType>("uploadSession")
            .Description("Your upload session: the parts received so far (to resume) and fresh part URLs.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                if (!Guid.TryParse(c.GetArgument<string>("id"), out var id))
                {
                    return null;
                }

                var result = await c.Service<GetUploadSession>().Handle(id, c.CancellationToken);
                if (!result.Succeeded)
                {
                    // Authorization failures become GraphQL errors; an unknown upload is simply null.
                    result.PayloadErrors();
                    return null;
                }

                return new UploadSessionView(result.Value.Session, result.Value.Parts, result.Value.ReceivedParts);
            });
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation
            .Field<NonNullGraphType<CreateVideoUploadPayloadType>>("createVideoUpload")
            .Description(
                "Creates a video and a multipart upload session: PUT each part to its URL, then completeVideoUpload."
            )
            .Argument<NonNullGraphType<CreateVideoUploadInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<CreateVideoUploadInput>("input");
                var result = await c.Service<CreateVideoUpload>()
                    .Handle(
                        new CreateVideoUploadRequest(
                            input.Title,
                            input.Description,
                            input.FileName,
                            input.ContentType,
                            input.SizeBytes
                        ),
                        c.CancellationToken
                    );
                var errors = result.PayloadErrors();
                return result.Succeeded
                    ? new VideoPayload(
                        result.Value.Video,
                        new UploadSessionView(result.Value.Session, result.Value.Parts, []),
                        errors
                    )
                    : new VideoPayload(null, null, errors);
            });

        mutation
            .Field<NonNullGraphType<VideoPayloadType>>("completeVideoUpload")
            .Description(
                "Assembles the uploaded parts, validates the file and starts transcoding. Completing again "
                    + "changes nothing."
            )
            .Argument<NonNullGraphType<CompleteVideoUploadInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<CompleteVideoUploadInput>("input");
                if (!Guid.TryParse(input.UploadId, out var uploadId))
                {
                    return new VideoPayload(null, null, [VideoErrors.UploadNotFound]);
                }

                var parts = input.Parts.Select(p => new CompletedPart(p.PartNumber, p.Etag)).ToList();
                var result = await c.Service<CompleteVideoUpload>()
                    .Handle(new CompleteVideoUploadRequest(uploadId, parts), c.CancellationToken);
                return new VideoPayload(result.Succeeded ? result.Value : null, null, result.PayloadErrors());
            });

        mutation
            .Field<NonNullGraphType<AbortVideoUploadPayloadType>>("abortVideoUpload")
            .Description("Abandons an upload: its bytes and its waiting video are removed.")
            .Argument<NonNullGraphType<IdGraphType>>("uploadId")
            .ResolveAsync(async c =>
            {
                if (!Guid.TryParse(c.GetArgument<string>("uploadId"), out var uploadId))
                {
                    return new DeletePayload(null, [VideoErrors.UploadNotFound]);
                }

                var result = await c.Service<AbortVideoUpload>().Handle(uploadId, c.CancellationToken);
                return new DeletePayload(result.Succeeded ? uploadId : null, result.PayloadErrors());
            });

        mutation
            .Field<NonNullGraphType<VideoPayloadType>>("updateVideo")
            .Description("Changes a video's title, description or visibility; owner only.")
            .Argument<NonNullGraphType<UpdateVideoInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<UpdateVideoInput>("input");
                if (!Guid.TryParse(input.Id, out var id))
                {
                    return new VideoPayload(null, null, [VideoErrors.NotFound]);
                }

                var result = await c.Service<UpdateVideo>()
                    .Handle(
                        new UpdateVideoRequest(id, input.Title, input.Description, input.Visibility),
                        c.CancellationToken
                    );
                return new VideoPayload(result.Succeeded ? result.Value : null, null, result.PayloadErrors());
            });

        mutation
            .Field<NonNullGraphType<DeleteVideoPayloadType>>("deleteVideo")
            .Description("Deletes a video and its files; owner only.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                if (!Guid.TryParse(c.GetArgument<string>("id"), out var id))
                {
                    return new DeletePayload(null, [VideoErrors.NotFound]);
                }

                var result = await c.Service<DeleteVideo>().Handle(id, c.CancellationToken);
                return new DeletePayload(result.Succeeded ? id : null, result.PayloadErrors());
            });
    }
}
