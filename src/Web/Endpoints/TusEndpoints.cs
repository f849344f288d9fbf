using System.Globalization;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Common;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Telemetry;
using StreamEngine.Web.Hosting.Authentication;

namespace StreamEngine.Web.Endpoints;

/// <summary>The tus 1.0 server at <c>/uploads/tus</c>, beside the multipart contract: a POST creates a video and its
/// upload (or, with <c>videoId</c> in the metadata, finds the one createVideoUpload(protocol: TUS) made), PATCHes
/// append, HEAD says where it stands, DELETE terminates. The caller is the bearer token's; the last byte completes the
/// upload as completeVideoUpload does. The work is the use cases'; this class speaks the protocol.</summary>
public static class TusEndpoints
{
    public static IEndpointRouteBuilder MapTusEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var tus = endpoints.MapGroup(TusProtocol.Path).AddEndpointFilter(VersionFilterAsync);
        tus.MapMethods("", [HttpMethods.Options], Options);
        tus.MapMethods("/{uploadId:guid}", [HttpMethods.Options], Options);
        tus.MapPost("", CreateAsync).RequireRateLimit(options => options.UploadCreation);
        tus.MapMethods("/{uploadId:guid}", [HttpMethods.Head], HeadAsync)
            .RequireRateLimit(options => options.MediaDelivery);
        tus.MapPatch("/{uploadId:guid}", PatchAsync).RequireRateLimit(options => options.MediaDelivery);
        tus.MapDelete("/{uploadId:guid}", DeleteAsync).RequireRateLimit(options => options.MediaDelivery);
        return endpoints;
    }

    /// <summary>Every response carries <c>Tus-Resumable</c>; a request (but OPTIONS) for another version is refused
    /// with 412 and the versions we speak. The caller is signed in here, once.</summary>
    private static async ValueTask<object?> VersionFilterAsync(
        EndpointFilterInvocationContext context,
        EndpointFilterDelegate next
    )
    {
        var http = context.HttpContext;
        http.Response.Headers["Tus-Resumable"] = TusProtocol.Version;
        if (HttpMethods.IsOptions(http.Request.Method))
        {
            return await next(context);
        }

        if (http.Request.Headers["Tus-Resumable"] != TusProtocol.Version)
        {
            http.Response.Headers["Tus-Version"] = TusProtocol.Version;
            return CodedProblem.Of(
                StatusCodes.Status412PreconditionFailed,
                "TUS_VERSION",
                $"This server speaks tus {TusProtocol.Version}; send Tus-Resumable: {TusProtocol.Version}."
            );
        }

        return await RequestSignIn.SignInAsync(http) is { } refusal
            ? TusProtocol.Refuse(http, refusal)
            : await next(context);
    }

    private static IResult Options(HttpContext context, IOptions<VideoOptions> videos)
    {
        context.Response.Headers["Tus-Version"] = TusProtocol.Version;
        context.Response.Headers["Tus-Extension"] = TusProtocol.Extensions;
        context.Response.Headers["Tus-Max-Size"] = videos.Value.MaxUploadBytes.ToString(CultureInfo.InvariantCulture);
        return Results.NoContent();
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context,
        IOptions<VideoOptions> videos,
        CreateVideoUpload create,
        ResumeVideoUpload resume,
        AppendToUpload append
    )
    {
        var request = context.Request;
        if (TusProtocol.Number(request, "Upload-Length") is not { } length)
        {
            return CodedProblem.Of(
                StatusCodes.Status400BadRequest,
                "INVALID_SIZE",
                "Send the file's size in Upload-Length (deferred lengths are not supported)."
            );
        }

        if (length > videos.Value.MaxUploadBytes)
        {
            return TusProtocol.Refuse(context, VideoErrors.TooLarge(videos.Value.MaxUploadBytes));
        }

        if (TusProtocol.Metadata(request.Headers["Upload-Metadata"].ToString()) is not { } metadata)
        {
            return CodedProblem.Of(
                StatusCodes.Status400BadRequest,
                "INVALID_METADATA",
                "Upload-Metadata is comma-separated pairs of a key and its base64 value."
            );
        }

        var created = await StartAsync(context, metadata, length, create, resume);
        if (!created.Succeeded)
        {
            return TusProtocol.Refuse(context, created.Errors[0]);
        }

        var upload = created.Value;
        if (request.ContentType == TusProtocol.OffsetOctetStream && !upload.IsComplete)
        {
            // creation-with-upload: the body is the first bytes; whatever of it arrives counts.
            var appended = await AppendBodyAsync(context, append, upload);
            upload = appended is { Succeeded: true } stored ? stored.Value : upload;
        }

        // Relative, so a client reaches the upload through whatever proxy or address it reached us by.
        context.Response.Headers.Location = TusProtocol.RelativeUrlOf(upload.Session.Id);
        TusProtocol.Describe(context.Response, upload);
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private static async Task<Result<ResumableUpload>> StartAsync(
        HttpContext context,
        Dictionary<string, string> metadata,
        long length,
        CreateVideoUpload create,
        ResumeVideoUpload resume
    )
    {
        var ct = context.RequestAborted;
        if (metadata.TryGetValue("videoId", out var videoId))
        {
            return GlobalId.Key(videoId, NodeTypes.Video) is { } id
                ? await resume.Handle(new ResumeVideoUploadRequest(id, length), ct)
                : GlobalId.Invalid(NodeTypes.Video, "videoId");
        }

        var fileName = metadata.GetValueOrDefault("filename") ?? metadata.GetValueOrDefault("name");
        var title = metadata.GetValueOrDefault("title") ?? Path.GetFileNameWithoutExtension(fileName);
        var contentType = metadata.GetValueOrDefault("filetype") ?? metadata.GetValueOrDefault("type");
        var result = await create.Handle(
            new CreateVideoUploadRequest(
                title,
                null,
                fileName,
                string.IsNullOrEmpty(contentType) ? "application/octet-stream" : contentType,
                length,
                UploadProtocol.Tus
            ),
            ct
        );
        return result.Succeeded
            ? new ResumableUpload(result.Value.Session, 0)
            : Result<ResumableUpload>.Failure(result.Errors);
    }

    private static async Task<IResult> HeadAsync(Guid uploadId, HttpContext context, GetUploadOffset offsets)
    {
        context.Response.Headers.CacheControl = "no-store";
        var result = await offsets.Handle(uploadId, context.RequestAborted);
        if (!result.Succeeded)
        {
            return TusProtocol.Refuse(context, result.Errors[0]);
        }

        TusProtocol.Describe(context.Response, result.Value);
        return Results.Ok();
    }

    private static async Task<IResult> PatchAsync(Guid uploadId, HttpContext context, AppendToUpload append)
    {
        if (context.Request.ContentType != TusProtocol.OffsetOctetStream)
        {
            return CodedProblem.Of(
                StatusCodes.Status415UnsupportedMediaType,
                "UNSUPPORTED_CONTENT_TYPE",
                $"A PATCH carries Content-Type: {TusProtocol.OffsetOctetStream}."
            );
        }

        if (TusProtocol.Number(context.Request, "Upload-Offset") is not { } offset)
        {
            return CodedProblem.Of(
                StatusCodes.Status400BadRequest,
                "INVALID_OFFSET",
                "Send the offset the bytes start at in Upload-Offset."
            );
        }

        if (await AppendBodyAsync(context, append, uploadId, offset) is not { } result)
        {
            return Results.Empty; // The client went away mid-body; what arrived is kept.
        }

        if (!result.Succeeded)
        {
            return TusProtocol.Refuse(context, result.Errors[0]);
        }

        TusProtocol.Describe(context.Response, result.Value);
        return Results.NoContent();
    }

    private static async Task<IResult> DeleteAsync(Guid uploadId, HttpContext context, AbortVideoUpload abort)
    {
        var result = await abort.Handle(uploadId, context.RequestAborted);
        return result.Succeeded ? Results.NoContent() : TusProtocol.Refuse(context, result.Errors[0]);
    }

    private static Task<Result<ResumableUpload>?> AppendBodyAsync(
        HttpContext context,
        AppendToUpload append,
        ResumableUpload upload
    ) => AppendBodyAsync(context, append, upload.Session.Id, upload.Offset);

    /// <summary>Appends the request's body; null when the client went away before it ended.</summary>
    private static async Task<Result<ResumableUpload>?> AppendBodyAsync(
        HttpContext context,
        AppendToUpload append,
        Guid uploadId,
        long offset
    )
    {
        // The use case bounds the body by the bytes the upload has left.
        CodedProblem.LiftBodyLimit(context);

        try
        {
            var result = await append.Handle(
                new AppendToUploadRequest(uploadId, offset, context.Request.Body, context.Request.ContentLength),
                context.RequestAborted
            );
            if (result.Succeeded)
            {
                context
                    .RequestServices.GetRequiredService<OperationsMetrics>()
                    .UploadReceived("tus", result.Value.Offset - offset);
            }

            return result;
        }
        catch (Exception ex) when (ClientWentAway(context, ex))
        {
            return null;
        }
    }

    private static bool ClientWentAway(HttpContext context, Exception ex) =>
        ex
            is Microsoft.AspNetCore.Http.BadHttpRequestException
                or Microsoft.AspNetCore.Connections.ConnectionResetException
        || (ex is IOException or OperationCanceledException && context.RequestAborted.IsCancellationRequested);
}
