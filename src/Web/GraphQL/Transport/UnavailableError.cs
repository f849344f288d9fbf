using GraphQL;
using StreamEngine.Web.Endpoints;

namespace StreamEngine.Web.GraphQL.Transport;

/// <summary>A field that failed because a dependency is down (<c>DATABASE_UNAVAILABLE</c>) or the disk is full
/// (<c>STORAGE_FULL</c>), not because of a bug: the client is told so, and the HTTP answer is 503 or 507.</summary>
public sealed class UnavailableError : ExecutionError
{
    private UnavailableError(int status, string code, string message)
        : base(message)
    {
        Status = status;
        Code = code;
    }

    /// <summary>The HTTP status the whole response takes.</summary>
    public int Status { get; }

    public static UnavailableError? For(Exception exception) =>
        UnavailableExceptionHandler.Answer(exception) is { } answer
            ? new UnavailableError(answer.Status, answer.Code, answer.Detail)
            : null;
}
