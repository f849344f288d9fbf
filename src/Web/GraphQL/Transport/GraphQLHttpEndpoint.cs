using System.Buffers;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using StreamEngine.Application.Users;
using StreamEngine.Web.Endpoints;

namespace StreamEngine.Web.GraphQL.Transport;

/// <summary>The GraphQL over HTTP endpoint: GET and POST, spec media types and status codes, our limits.</summary>
public sealed class GraphQLHttpEndpoint(
    GraphQLRequestExecutor executor,
    IGraphQLTextSerializer serializer,
    IOptions<GraphQLOptions> options,
    ILogger<GraphQLHttpEndpoint> logger)
{
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 64 };

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.Request;
        var isGet = HttpMethods.IsGet(http.Method);
        if (!isGet && !HttpMethods.IsPost(http.Method))
        {
            context.Response.Headers.Allow = "GET, POST";
            await WriteRequestErrorAsync(context, MediaTypes.Json, StatusCodes.Status405MethodNotAllowed,
                ErrorCodes.MethodNotAllowed, $"The GraphQL endpoint accepts GET and POST, not {http.Method}.");
            return;
        }

        var mediaType = MediaTypes.Negotiate(http.Headers.Accept);
        if (mediaType is null)
        {
            await WriteRequestErrorAsync(context, MediaTypes.Json, StatusCodes.Status406NotAcceptable, ErrorCodes.NotAcceptable,
                $"The endpoint answers with {MediaTypes.GraphQLResponse} or {MediaTypes.Json}; the Accept header allows neither.");
            return;
        }

        var parsed = isGet ? ParseGet(http) : await ParsePostAsync(http, context.RequestAborted);
        if (parsed.Error is { } requestError)
        {
            await WriteRequestErrorAsync(context, mediaType, requestError.Status, requestError.Code, requestError.Message);
            return;
        }

        var request = parsed.Request!;
        var document = TryParseDocument(request.Query!);
        var operation = document is null ? null : FindOperation(document, request.OperationName);
        if (isGet && operation?.Operation is OperationType.Mutation or OperationType.Subscription)
        {
            context.Response.Headers.Allow = "POST";
            await WriteRequestErrorAsync(context, mediaType, StatusCodes.Status405MethodNotAllowed, ErrorCodes.MethodNotAllowed,
                $"A {operation.Operation.ToString().ToLowerInvariant()} cannot be sent with GET; use POST.");
            return;
        }

        if (operation?.Operation == OperationType.Subscription)
        {
            await WriteRequestErrorAsync(context, mediaType, StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
                "Subscriptions are served over WebSocket (graphql-transport-ws) at this path, not over HTTP.");
            return;
        }

        var authentication = await AuthenticateAsync(context);
        if (authentication is { } authError)
        {
            context.Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{authError.Message}\"";
            await WriteRequestErrorAsync(context, mediaType, StatusCodes.Status401Unauthorized, authError.Code, authError.Message);
            return;
        }

        var userContext = new GraphQLUserContext(context.RequestServices.GetRequiredService<CurrentUser>())
        {
            Device = http.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null,
        };
        var result = await executor.ExecuteAsync(request, document, userContext, context.RequestServices, "http", context.RequestAborted);
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

        if (!result.Executed && mediaType == MediaTypes.GraphQLResponse)
        {
            status = result.Errors?.Any(e => CodedErrorInfoProvider.CodeOf(e) == ErrorCodes.InternalServerError) == true
                ? StatusCodes.Status500InternalServerError
                : StatusCodes.Status400BadRequest;
        }

        await WriteResultAsync(context, mediaType, status, result);
    }

    private static async Task<Application.Common.Error?> AuthenticateAsync(HttpContext context)
    {
        var currentUser = context.RequestServices.GetRequiredService<CurrentUser>();
        currentUser.ClientAddress = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var authorization = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return null;
        }

        var authenticate = context.RequestServices.GetRequiredService<AuthenticateAccessToken>();
        var result = await authenticate.Handle(authorization, context.RequestAborted);
        if (!result.Succeeded)
        {
            return result.Errors[0];
        }

        currentUser.SignIn(result.Value);
        return null;
    }

    private static GraphQLDocument? TryParseDocument(string query)
    {
        try
        {
            return GraphQLParser.Parser.Parse(query);
        }
        catch (GraphQLParserException)
        {
            // The executer parses again and reports the syntax error in the spec's shape.
            return null;
        }
    }

    private static GraphQLOperationDefinition? FindOperation(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        return string.IsNullOrEmpty(operationName)
            ? (operations.Count == 1 ? operations[0] : null)
            : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
    }

    private ParsedRequest ParseGet(HttpRequest http)
    {
        var query = http.Query["query"];
        if (query.Count != 1 || string.IsNullOrWhiteSpace(query[0]))
        {
            return ParsedRequest.Fail(StatusCodes.Status400BadRequest, ErrorCodes.MissingQuery, "The 'query' parameter is required.");
        }

        var operationName = http.Query["operationName"].ToString();
        Inputs? variables = null;
        Inputs? extensions = null;
        if (http.Query.TryGetValue("variables", out var variablesText) && !string.IsNullOrEmpty(variablesText))
        {
            if (!TryReadMap(variablesText.ToString(), out variables))
            {
                return ParsedRequest.Fail(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The 'variables' parameter must be a JSON object.");
            }
        }

        if (http.Query.TryGetValue("extensions", out var extensionsText) && !string.IsNullOrEmpty(extensionsText))
        {
            if (!TryReadMap(extensionsText.ToString(), out extensions))
            {
                return ParsedRequest.Fail(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The 'extensions' parameter must be a JSON object.");
            }
        }

        return ParsedRequest.Ok(new GraphQLRequest
        {
            Query = query[0],
            OperationName = string.IsNullOrEmpty(operationName) ? null : operationName,
            Variables = variables,
            Extensions = extensions,
        });
    }

    private bool TryReadMap(string json, out Inputs? map)
    {
        map = null;
        try
        {
            using var document = JsonDocument.Parse(json, JsonOptions);
            if (document.RootElement.ValueKind == JsonValueKind.Null)
            {
                return true;
            }

            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            map = serializer.ReadNode<Inputs>(document.RootElement);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task<ParsedRequest> ParsePostAsync(HttpRequest http, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(http.ContentType, out var contentType)
            || !string.Equals(contentType.MediaType.Value, MediaTypes.Json, StringComparison.OrdinalIgnoreCase))
        {
            return ParsedRequest.Fail(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType,
                "A POST to the GraphQL endpoint must have Content-Type: application/json.");
        }

        if (contentType.Charset.HasValue && !string.Equals(contentType.Charset.Value, "utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return ParsedRequest.Fail(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType,
                $"Only UTF-8 request bodies are accepted, not {contentType.Charset.Value}.");
        }

        var limit = options.Value.MaxRequestBytes;
        if (http.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, 64 * 1024));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        return TooLarge(limit);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await http.Body.ReadAsync(buffer.AsMemory(length), ct);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    return TooLarge(limit);
                }
            }

            if (length == 0)
            {
                return ParsedRequest.Fail(StatusCodes.Status400BadRequest, ErrorCodes.InvalidJson, "The request body is empty.");
            }

            return ParseBody(buffer.AsMemory(0, length));
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private ParsedRequest ParseBody(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, JsonOptions);
        }
        catch (JsonException ex)
        {
            logger.LogDebug(ex, "Unparsable GraphQL request body");
            return ParsedRequest.Fail(StatusCodes.Status400BadRequest, ErrorCodes.InvalidJson,
                $"The request body is not valid JSON: {ex.Message.Split(" Path:")[0]}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ParsedRequest.Fail(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
                    "The request body must be a JSON object with a 'query'. Batched requests are not supported.");
            }

            if (!root.TryGetProperty("query", out var query) || query.ValueKind == JsonValueKind.Null)
            {
                return ParsedRequest.Fail(StatusCodes.Status400BadRequest, ErrorCodes.MissingQuery, "The 'query' parameter is required.");
            }

            if (query.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(query.GetString()))
            {
                return ParsedRequest.Fail(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The 'query' parameter must be a non-empty string.");
            }

            string? operationName = null;
            if (root.TryGetProperty("operationName", out var name) && name.ValueKind != JsonValueKind.Null)
            {
                if (name.ValueKind != JsonValueKind.String)
                {
                    return ParsedRequest.Fail(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The 'operationName' parameter must be a string.");
                }

                operationName = name.GetString();
            }

            if (!TryReadMapProperty(root, "variables", out var variables) || !TryReadMapProperty(root, "extensions", out var extensions))
            {
                return ParsedRequest.Fail(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
                    "The 'variables' and 'extensions' parameters must be JSON objects.");
            }

            return ParsedRequest.Ok(new GraphQLRequest
            {
                Query = query.GetString(),
                OperationName = string.IsNullOrEmpty(operationName) ? null : operationName,
                Variables = variables,
                Extensions = extensions,
            });
        }
    }

    private bool TryReadMapProperty(JsonElement root, string property, out Inputs? map)
    {
        map = null;
        if (!root.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        map = serializer.ReadNode<Inputs>(value);
        return true;
    }

    private static ParsedRequest TooLarge(int limit) => ParsedRequest.Fail(StatusCodes.Status413PayloadTooLarge, ErrorCodes.RequestTooLarge,
        $"The request body is larger than the limit of {limit} bytes (StreamEngine:GraphQL:MaxRequestBytes).");

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

    private sealed record RequestError(int Status, string Code, string Message);

    private sealed record ParsedRequest(GraphQLRequest? Request, RequestError? Error)
    {
        public static ParsedRequest Ok(GraphQLRequest request) => new(request, null);

        public static ParsedRequest Fail(int status, string code, string message) => new(null, new RequestError(status, code, message));
    }
}
