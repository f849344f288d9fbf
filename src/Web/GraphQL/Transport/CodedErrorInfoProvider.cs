using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQL.Validation.Errors.Custom;

namespace StreamEngine.Web.GraphQL.Transport;

/// <summary>Shapes every error on the wire: a message, locations and path, and <c>extensions.code</c> from our
/// stable list. Internal exceptions never reach the client: they become <c>INTERNAL_SERVER_ERROR</c> with a generic
/// message (the log has the details under the same request id).</summary>
public sealed class CodedErrorInfoProvider : IErrorInfoProvider
{
    private readonly ErrorInfoProvider _inner = new(o =>
    {
        o.ExposeCode = false;
        o.ExposeCodes = false;
        o.ExposeData = true;
        o.ExposeExceptionDetails = false;
    });

    public ErrorInfo GetInfo(ExecutionError executionError)
    {
        ArgumentNullException.ThrowIfNull(executionError);
        var info = _inner.GetInfo(executionError);
        var extensions = info.Extensions is null
            ? new Dictionary<string, object?>()
            : new Dictionary<string, object?>(info.Extensions);
        if (extensions.TryGetValue("data", out var data) && data is System.Collections.IDictionary values)
        {
            // Data attached to our own errors (retryAfterSeconds, policy) sits directly in extensions.
            extensions.Remove("data");
            foreach (System.Collections.DictionaryEntry pair in values)
            {
                extensions[pair.Key.ToString()!] = pair.Value;
            }
        }

        extensions["code"] = CodeOf(executionError);
        var message = executionError is UnhandledError ? "An unexpected error occurred." : info.Message;
        return new ErrorInfo { Message = message, Extensions = extensions };
    }

    public static string CodeOf(ExecutionError error) =>
        error switch
        {
            SyntaxError => ErrorCodes.ParseFailed,
            RateLimitedError => ErrorCodes.RateLimited,
            ComplexityError when error.Message.Contains("nested", StringComparison.Ordinal) =>
                ErrorCodes.MaxDepthExceeded,
            ComplexityError => ErrorCodes.MaxComplexityExceeded,
            NoIntrospectionError => ErrorCodes.IntrospectionDisabled,
            InvalidVariableError => ErrorCodes.BadUserInput,
            InvalidOperationNameError => ErrorCodes.OperationNotFound,
            ValidationError => ErrorCodes.ValidationFailed,
            UnhandledError => ErrorCodes.InternalServerError,
            InvalidOperationError => ErrorCodes.OperationNotFound,
            _ when !string.IsNullOrEmpty(error.Code) && IsOurCode(error.Code) => error.Code,
            _ => ErrorCodes.InternalServerError,
        };

    // Our codes are SCREAMING_SNAKE_CASE; graphql-dotnet derives codes from exception type names for others.
    private static bool IsOurCode(string code) => code.All(c => c is (>= 'A' and <= 'Z') or '_' or (>= '0' and <= '9'));
}
