using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Videos;
using StreamEngine.Infrastructure.Pipelines;
using StreamEngine.Infrastructure.Pipelines.Cloudinary;

namespace StreamEngine.Web.Endpoints;

/// <summary><c>POST /pipeline/status</c>: for deployments without SQS, the pipeline reports status over HTTP, signed
/// with the shared secret: <c>X-StreamEngine-Timestamp</c> (unix seconds) and <c>X-StreamEngine-Signature:
/// v1=hex(HMAC-SHA256(secret, timestamp + "." + body))</c>. Stale (over 5 minutes) or forged calls get 401 and change
/// nothing; valid ones are applied idempotently, as SQS messages are.</summary>
public static class PipelineCallbackEndpoints
{
    public const string TimestampHeader = "X-StreamEngine-Timestamp";
    public const string SignatureHeader = "X-StreamEngine-Signature";
    private const int MaxBodyBytes = 64 * 1024;
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static IEndpointRouteBuilder MapPipelineCallbackEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/pipeline/status", ReceiveAsync);
        endpoints.MapPost(CloudinaryOptions.NotificationPath, ReceiveCloudinaryAsync);
        return endpoints;
    }

    /// <summary>A hosted pipeline's notifications (Cloudinary's webhook): 401 for stale or forged calls, 400 for
    /// unreadable ones, 200 otherwise (also for notifications we do not act on, so Cloudinary does not
    /// retry).</summary>
    private static async Task<IResult> ReceiveCloudinaryAsync(HttpContext context, IServiceProvider services)
    {
        if (services.GetService<IPipelineNotifications>() is not { } notifications)
        {
            return Results.NotFound();
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var body = await ReadBoundedAsync(context);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        return await notifications.HandleAsync(
            body,
            name => context.Request.Headers[name].ToString(),
            context.RequestAborted
        ) switch
        {
            NotificationOutcome.Stale => Refused("The call is not timestamped or is stale."),
            NotificationOutcome.Forged => Refused("The signature does not match."),
            NotificationOutcome.Malformed => Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "INVALID_NOTIFICATION",
                detail: "The body is not JSON."
            ),
            _ => Results.Ok(),
        };
    }

    /// <summary>The body as text, or null past the limit (a chunked body has no Content-Length to refuse
    /// early).</summary>
    private static async Task<string?> ReadBoundedAsync(HttpContext context)
    {
        var buffer = new byte[MaxBodyBytes + 1];
        var read = await context.Request.Body.ReadAtLeastAsync(
            buffer,
            buffer.Length,
            throwOnEndOfStream: false,
            context.RequestAborted
        );
        return read > MaxBodyBytes ? null : Encoding.UTF8.GetString(buffer, 0, read);
    }

    public static string Sign(string secret, long timestamp, string body) =>
        "v1="
        + Convert.ToHexStringLower(
            HMACSHA256.HashData(
                Encoding.UTF8.GetBytes(secret),
                Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body)
            )
        );

    private static async Task<IResult> ReceiveAsync(
        HttpContext context,
        IOptions<PipelineOptions> options,
        IClock clock,
        ApplyPipelineStatus apply
    )
    {
        var secret = options.Value.CallbackSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return Results.NotFound();
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (await ReadBoundedAsync(context) is not { } body)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        // Compared in seconds: a timestamp outside DateTimeOffset's range is stale, not an exception.
        if (
            !long.TryParse(
                context.Request.Headers[TimestampHeader],
                NumberStyles.None,
                CultureInfo.InvariantCulture,
                out var timestamp
            )
            || Math.Abs((decimal)clock.UtcNow.ToUnixTimeSeconds() - timestamp) > (decimal)Tolerance.TotalSeconds
        )
        {
            return Refused("The call is not timestamped or is stale.");
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        var given = Encoding.ASCII.GetBytes(context.Request.Headers[SignatureHeader].ToString());
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return Refused("The signature does not match.");
        }

        if (PipelineStatus.TryParse(body) is not { } status)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "INVALID_STATUS",
                detail: "The body is not a status message."
            );
        }

        await apply.Handle(status, context.RequestAborted);
        return Results.Accepted();
    }

    private static IResult Refused(string detail) =>
        CodedProblem.Of(StatusCodes.Status401Unauthorized, "BAD_SIGNATURE", detail);
}
