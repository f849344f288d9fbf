using Microsoft.AspNetCore.Diagnostics;
using StreamEngine.Infrastructure.Persistence;
using StreamEngine.Infrastructure.Storage;

namespace StreamEngine.Web.Endpoints;

/// <summary>What an HTTP endpoint answers when a dependency, not the request, is at fault: the database cannot be
/// reached (503 <c>DATABASE_UNAVAILABLE</c>, with <c>Retry-After</c>) or the disk is full (507 <c>STORAGE_FULL</c>).
/// Anything else stays a 500 for the default handler.</summary>
internal sealed class UnavailableExceptionHandler(ILogger<UnavailableExceptionHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(
        HttpContext httpContext,
        Exception exception,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (Answer(exception) is not { } answer)
        {
            return false;
        }

        logger.LogWarning(
            "{Method} {Path} answered {Code}: {Reason}",
            httpContext.Request.Method,
            httpContext.Request.Path,
            answer.Code,
            exception.Message
        );
        httpContext.Response.StatusCode = answer.Status;
        if (answer.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(
                System.Globalization.CultureInfo.InvariantCulture
            );
        }

        await CodedProblem.Of(answer.Status, answer.Code, answer.Detail).ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>The status, code and message for an exception a dependency caused; null for any other.</summary>
    public static (int Status, string Code, string Detail)? Answer(Exception exception) =>
        DatabaseUnavailable.Is(exception)
            ? (
                StatusCodes.Status503ServiceUnavailable,
                "DATABASE_UNAVAILABLE",
                "The database cannot be reached just now. Try again shortly."
            )
        : DiskFull.Is(exception)
            ? (
                StatusCodes.Status507InsufficientStorage,
                "STORAGE_FULL",
                "The server's storage is full; nothing was kept. Try again later."
            )
        : null;
}
