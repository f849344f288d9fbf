using GraphQL.Transport;

namespace StreamEngine.Web.GraphQL.Transport;

/// <summary>A request the endpoint cannot execute: its HTTP status, error code and message.</summary>
public sealed record RequestError(int Status, string Code, string Message);

/// <summary>The parser's outcome: a request, or why there is none.</summary>
public sealed record ParsedRequest(GraphQLRequest? Request, RequestError? Error)
{
    public static ParsedRequest Ok(GraphQLRequest request) => new(request, null);

    public static ParsedRequest Fail(int status, string code, string message) =>
        new(null, new RequestError(status, code, message));
}
