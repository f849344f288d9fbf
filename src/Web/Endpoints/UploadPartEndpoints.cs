using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Channels;
using StreamEngine.Infrastructure.Storage;
using StreamEngine.Infrastructure.Telemetry;

namespace StreamEngine.Web.Endpoints;

/// <summary><c>PUT /uploads/{upload}/parts/{n}</c>: the signed part URLs of the local storage adapter. Like an S3
/// presigned part URL it takes the part's bytes and answers with an ETag; bodies are streamed to disk.</summary>
public static class UploadPartEndpoints
{
    public static IEndpointRouteBuilder MapUploadPartEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints
            .MapPut("/uploads/{uploadId:guid}/parts/{partNumber:int:min(1):max(10000)}", ReceiveAsync)
            .RequireRateLimit(options => options.MediaDelivery);
        endpoints
            .MapPut("/uploads/images/{userId:guid}/{kind}/{token}", ReceiveImageAsync)
            .RequireRateLimit(options => options.MediaDelivery);
        return endpoints;
    }

    /// <summary>The signed PUT of a channel image (createChannelImageUpload), at most its signed size.</summary>
    private static async Task<IResult> ReceiveImageAsync(
        Guid userId,
        string kind,
        string token,
        HttpContext context,
        IChannelImageFiles images,
        IClock clock
    )
    {
        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        return await images.ReceiveAsync(
            userId,
            kind,
            token,
            query,
            context.Request.ContentLength,
            context.Request.Body,
            clock.UtcNow,
            context.RequestAborted
        ) switch
        {
            PartReceipt.Stored => Results.Ok(),
            PartReceipt.WrongSize => CodedProblem.Of(
                StatusCodes.Status400BadRequest,
                "WRONG_SIZE",
                "The body's length is not the size this URL was signed for."
            ),
            PartReceipt.Expired => CodedProblem.Of(
                StatusCodes.Status403Forbidden,
                "URL_EXPIRED",
                "This upload URL has expired."
            ),
            PartReceipt.StorageFull => StorageFull(),
            PartReceipt.QuotaExceeded => CodedProblem.Of(
                StatusCodes.Status429TooManyRequests,
                "QUOTA_EXCEEDED",
                $"At most {ChannelImageRules.MaxPendingUploads} image uploads may wait for completion; complete "
                    + "one first."
            ),
            _ => CodedProblem.Of(
                StatusCodes.Status403Forbidden,
                "BAD_SIGNATURE",
                "This upload URL's signature is not valid."
            ),
        };
    }

    private static async Task<IResult> ReceiveAsync(
        Guid uploadId,
        int partNumber,
        HttpContext context,
        IUploadPartReceiver receiver
    )
    {
        // The adapter enforces the signed size of each part.
        CodedProblem.LiftBodyLimit(context);

        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var (result, etag) = await receiver.ReceiveAsync(
            uploadId,
            partNumber,
            query,
            context.Request.ContentLength,
            context.Request.Body,
            context.RequestAborted
        );
        switch (result)
        {
            case PartReceipt.Stored:
                context.Response.Headers.ETag = etag;
                context
                    .RequestServices.GetRequiredService<OperationsMetrics>()
                    .UploadReceived("multipart", context.Request.ContentLength ?? 0);
                return Results.Ok();
            case PartReceipt.WrongSize:
                return CodedProblem.Of(
                    StatusCodes.Status400BadRequest,
                    "WRONG_PART_SIZE",
                    "The body's length is not the size this part URL was signed for."
                );
            case PartReceipt.UnknownUpload:
                return CodedProblem.Of(
                    StatusCodes.Status404NotFound,
                    "UPLOAD_NOT_FOUND",
                    "The upload was completed, aborted or never existed."
                );
            case PartReceipt.Expired:
                return CodedProblem.Of(StatusCodes.Status403Forbidden, "URL_EXPIRED", "This part URL has expired.");
            case PartReceipt.StorageFull:
                return StorageFull();
            default:
                return CodedProblem.Of(
                    StatusCodes.Status403Forbidden,
                    "BAD_SIGNATURE",
                    "This part URL's signature is not valid."
                );
        }
    }

    private static IResult StorageFull() =>
        CodedProblem.Of(
            StatusCodes.Status507InsufficientStorage,
            "STORAGE_FULL",
            "The server's storage is full; nothing was kept. Send the bytes again later."
        );
}
