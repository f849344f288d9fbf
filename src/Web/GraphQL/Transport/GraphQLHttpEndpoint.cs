using GraphQL;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using StreamEngine.Web.Endpoints;
using StreamEngine.Web.Hosting;
using StreamEngine.Web.Hosting.Authentication;

namespace StreamEngine.Web.GraphQL.Transport;

/// <summary>The GraphQL over HTTP endpoint: GET and POST, spec media types and status codes, our limits.</summary>
public sealed class GraphQLHttpEndpoint(
    GraphQLRequestExecutor executor,
    IGraphQLTextSerializer serializer,
    IOptions<GraphQLOptions> options,
    Persisted.AutomaticPersistedQueries persistedQueries,
    ILogger<GraphQLHttpEndpoint> logger
)
{
    private readonly GraphQLHttpRequestParser parser = new(serializer, options.Value.MaxRequestBytes, logger);

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.Request;
        var isGet = HttpMethods.IsGet(http.Method);
        if (!isGet && !HttpMethods.IsPost(http.Method))
        {
            context.Response.Headers.Allow = "GET, POST";
            await WriteRequestErrorAsync(
                context,
                MediaTypes.Json,
                StatusCodes.Status405MethodNotAllowed,
                ErrorCodes.MethodNotAllowed,
                $"The GraphQL endpoint accepts GET and POST, not {http.Method}."
            );
            return;
        }

        var mediaType = MediaTypes.Negotiate(http.Headers.Accept);
        if (mediaType is null)
        {
            await WriteRequestErrorAsync(
                context,
                MediaTypes.Json,
                StatusCodes.Status406NotAcceptable,
                ErrorCodes.NotAcceptable,
                $"The endpoint answers with {MediaTypes.GraphQLResponse} or {MediaTypes.Json}; the Accept header "
                    + "allows neither."
            );
            return;
        }

        var parsed = isGet ? parser.ParseGet(http.Query) : await parser.ParsePostAsync(http, context.RequestAborted);
        if (parsed.Error is { } requestError)
        {
            await WriteRequestErrorAsync(
                context,
                mediaType,
                requestError.Status,
                requestError.Code,
                requestError.Message
            );
            return;
        }

        var request = parsed.Request!;
        var persisted = await persistedQueries.ResolveAsync(request, context.RequestAborted);
        if (persisted.Error is { } persistedError)
        {
            // A miss is an answer the client expects (it then sends the document): 200 in plain JSON.
            var missStatus =
                persistedError.Status == StatusCodes.Status200OK && mediaType != MediaTypes.Json
                    ? StatusCodes.Status400BadRequest
                    : persistedError.Status;
            await WriteRequestErrorAsync(context, mediaType, missStatus, persistedError.Code, persistedError.Message);
            return;
        }

        request.Query = persisted.Query;
        var document = executor.Parse(request.Query);
        var operation = document is null ? null : Limits.DocumentShape.OperationOf(document, request.OperationName);
        if (isGet && operation?.Operation is OperationType.Mutation or OperationType.Subscription)
        {
            context.Response.Headers.Allow = "POST";
            await WriteRequestErrorAsync(
                context,
                mediaType,
                StatusCodes.Status405MethodNotAllowed,
                ErrorCodes.MethodNotAllowed,
                $"A {operation.Operation.ToString().ToLowerInvariant()} cannot be sent with GET; use POST."
            );
            return;
        }

        if (operation?.Operation == OperationType.Subscription)
        {
            await WriteRequestErrorAsync(
                context,
                mediaType,
                StatusCodes.Status400BadRequest,
                ErrorCodes.InvalidRequest,
                "Subscriptions are served over WebSocket (graphql-transport-ws) at this path, not over HTTP."
            );
            return;
        }

        var authentication = await RequestSignIn.SignInAsync(context);
        if (authentication is { } authError)
        {
            BearerTokenHandler.Challenge(context.Response, authError);
            await WriteRequestErrorAsync(
                context,
                mediaType,
                StatusCodes.Status401Unauthorized,
                authError.Code,
                authError.Message
            );
            return;
        }

        var userContext = new GraphQLUserContext(context.RequestServices.GetRequiredService<CurrentUser>())
        {
            Device = http.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null,
        };
        var result = await executor.ExecuteAsync(
            request,
            document,
            userContext,
            context.RequestServices,
            "http",
            context.RequestAborted
        );
        if (result.Executed)
        {
            await persistedQueries.KeepAsync(persisted, context.RequestAborted);
        }

        if (http.Headers["GraphQL-Cost"].ToString().Equals("report", StringComparison.OrdinalIgnoreCase))
        {
            CostReport.Apply(context.Response, result, userContext);
        }

        var status = StatusCodes.Status200OK;
        if (result.Errors?.OfType<RateLimitedError>().FirstOrDefault() is { } limited)
        {
            RateLimitHeaders.Apply(context.Response, limited.Decision);
            await WriteResultAsync(context, mediaType, StatusCodes.Status429TooManyRequests, result);
            return;
        }

        if (userContext.RateLimit is { } decision)
        {
            RateLimitHeaders.Apply(context.Response, decision);
        }

        if (result.Errors?.OfType<UnavailableError>().FirstOrDefault() is { } unavailable)
        {
            // A dependency is down, whichever media type: clients and proxies retry a 503 after Retry-After.
            if (unavailable.Status == StatusCodes.Status503ServiceUnavailable)
            {
                context.Response.Headers.RetryAfter = UnavailableExceptionHandler.RetryAfterSeconds.ToString(
                    System.Globalization.CultureInfo.InvariantCulture
                );
            }

            await WriteResultAsync(context, mediaType, unavailable.Status, result);
            return;
        }

        if (!result.Executed && mediaType == MediaTypes.GraphQLResponse)
        {
            status =
                result.Errors?.Any(e => CodedErrorInfoProvider.CodeOf(e) == ErrorCodes.InternalServerError) == true
                    ? StatusCodes.Status500InternalServerError
                    : StatusCodes.Status400BadRequest;
        }

        await WriteResultAsync(context, mediaType, status, result);
    }

    private Task WriteRequestErrorAsync(HttpContext context, string mediaType, int status, string code, string message)
    {
        var result = new ExecutionResult { Executed = false };
        result.AddError(new ExecutionError(message) { Code = code });
        return WriteResultAsync(context, mediaType, status, result);
    }

    private async Task WriteResultAsync(HttpContext context, string mediaType, int status, ExecutionResult result)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = mediaType + "; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }
}
