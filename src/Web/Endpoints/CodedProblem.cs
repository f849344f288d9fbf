using Microsoft.AspNetCore.Http.Features;

namespace StreamEngine.Web.Endpoints;

/// <summary>The problem+json answers of our HTTP endpoints: the code as the title and as a <c>code</c> member, as
/// GraphQL errors carry it.</summary>
internal static class CodedProblem
{
    public static IResult Of(int status, string code, string detail) =>
        Results.Problem(
            statusCode: status,
            title: code,
            detail: detail,
            extensions: new Dictionary<string, object?> { ["code"] = code }
        );

    /// <summary>Lifts Kestrel's global request-body limit for an endpoint that bounds the body itself (an upload part
    /// its signed size, a tus PATCH the bytes its upload has left).</summary>
    public static void LiftBodyLimit(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }
    }
}
