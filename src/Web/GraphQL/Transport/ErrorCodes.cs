namespace StreamEngine.Web.GraphQL.Transport;

/// <summary>The <c>extensions.code</c> values of errors the transport itself raises.</summary>
public static class ErrorCodes
{
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string OperationNotFound = "OPERATION_NOT_FOUND";
    public const string MaxDepthExceeded = "MAX_DEPTH_EXCEEDED";
    public const string MaxComplexityExceeded = "MAX_COMPLEXITY_EXCEEDED";
    public const string IntrospectionDisabled = "INTROSPECTION_DISABLED";
    public const string InvalidJson = "INVALID_JSON";
    public const string InvalidRequest = "INVALID_REQUEST";
    public const string MissingQuery = "MISSING_QUERY";
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string NotAcceptable = "NOT_ACCEPTABLE";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";
    public const string RateLimited = "RATE_LIMITED";
}
