using System.Buffers;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.Net.Http.Headers;

namespace StreamEngine.Web.GraphQL.Transport;

/// <summary>Reads a GraphQL over HTTP request (GET query string or POST JSON body) into a <see cref="GraphQLRequest"/>,
/// or the spec's request error with its status: media type, charset, size limit, JSON shape. Testable without a
/// server: a body is bytes, a query string is a collection.</summary>
public sealed class GraphQLHttpRequestParser(IGraphQLTextSerializer serializer, int maxRequestBytes, ILogger logger)
{
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 64 };

    public ParsedRequest ParseGet(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = query["query"];
        var persisted = query["extensions"].ToString().Contains("persistedQuery", StringComparison.Ordinal);
        if (!persisted && (text.Count != 1 || string.IsNullOrWhiteSpace(text[0])))
        {
            return ParsedRequest.Fail(
                StatusCodes.Status400BadRequest,
                ErrorCodes.MissingQuery,
                "The 'query' parameter is required."
            );
        }

        var operationName = query["operationName"].ToString();
        Inputs? variables = null;
        Inputs? extensions = null;
        if (query.TryGetValue("variables", out var variablesText) && !string.IsNullOrEmpty(variablesText))
        {
            if (!TryReadMap(variablesText.ToString(), out variables))
            {
                return ParsedRequest.Fail(
                    StatusCodes.Status400BadRequest,
                    ErrorCodes.InvalidRequest,
                    "The 'variables' parameter must be a JSON object."
                );
            }
        }

        if (query.TryGetValue("extensions", out var extensionsText) && !string.IsNullOrEmpty(extensionsText))
        {
            if (!TryReadMap(extensionsText.ToString(), out extensions))
            {
                return ParsedRequest.Fail(
                    StatusCodes.Status400BadRequest,
                    ErrorCodes.InvalidRequest,
                    "The 'extensions' parameter must be a JSON object."
                );
            }
        }

        return ParsedRequest.Ok(
            new GraphQLRequest
            {
                Query = text.Count == 1 && !string.IsNullOrWhiteSpace(text[0]) ? text[0] : null,
                OperationName = string.IsNullOrEmpty(operationName) ? null : operationName,
                Variables = variables,
                Extensions = extensions,
            }
        );
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

    public async Task<ParsedRequest> ParsePostAsync(HttpRequest http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (
            !MediaTypeHeaderValue.TryParse(http.ContentType, out var contentType)
            || !string.Equals(contentType.MediaType.Value, MediaTypes.Json, StringComparison.OrdinalIgnoreCase)
        )
        {
            return ParsedRequest.Fail(
                StatusCodes.Status415UnsupportedMediaType,
                ErrorCodes.UnsupportedMediaType,
                "A POST to the GraphQL endpoint must have Content-Type: application/json."
            );
        }

        if (
            contentType.Charset.HasValue
            && !string.Equals(contentType.Charset.Value, "utf-8", StringComparison.OrdinalIgnoreCase)
        )
        {
            return ParsedRequest.Fail(
                StatusCodes.Status415UnsupportedMediaType,
                ErrorCodes.UnsupportedMediaType,
                $"Only UTF-8 request bodies are accepted, not {contentType.Charset.Value}."
            );
        }

        var limit = maxRequestBytes;
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
                return ParsedRequest.Fail(
                    StatusCodes.Status400BadRequest,
                    ErrorCodes.InvalidJson,
                    "The request body is empty."
                );
            }

            return ParseBody(buffer.AsMemory(0, length));
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex)
            when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public ParsedRequest ParseBody(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, JsonOptions);
        }
        catch (JsonException ex)
        {
            logger.LogDebug(ex, "Unparsable GraphQL request body");
            return ParsedRequest.Fail(
                StatusCodes.Status400BadRequest,
                ErrorCodes.InvalidJson,
                $"The request body is not valid JSON: {ex.Message.Split(" Path:")[0]}"
            );
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ParsedRequest.Fail(
                    StatusCodes.Status400BadRequest,
                    ErrorCodes.InvalidRequest,
                    "The request body must be a JSON object with a 'query'. Batched requests are not supported."
                );
            }

            var persisted =
                root.TryGetProperty("extensions", out var extensionsElement)
                && extensionsElement.ValueKind == JsonValueKind.Object
                && extensionsElement.TryGetProperty("persistedQuery", out _);
            var hasQuery = root.TryGetProperty("query", out var query) && query.ValueKind != JsonValueKind.Null;
            if (!hasQuery && !persisted)
            {
                return ParsedRequest.Fail(
                    StatusCodes.Status400BadRequest,
                    ErrorCodes.MissingQuery,
                    "The 'query' parameter is required."
                );
            }

            if (hasQuery && (query.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(query.GetString())))
            {
                return ParsedRequest.Fail(
                    StatusCodes.Status400BadRequest,
                    ErrorCodes.InvalidRequest,
                    "The 'query' parameter must be a non-empty string."
                );
            }

            string? operationName = null;
            if (root.TryGetProperty("operationName", out var name) && name.ValueKind != JsonValueKind.Null)
            {
                if (name.ValueKind != JsonValueKind.String)
                {
                    return ParsedRequest.Fail(
                        StatusCodes.Status400BadRequest,
                        ErrorCodes.InvalidRequest,
                        "The 'operationName' parameter must be a string."
                    );
                }

                operationName = name.GetString();
            }

            if (
                !TryReadMapProperty(root, "variables", out var variables)
                || !TryReadMapProperty(root, "extensions", out var extensions)
            )
            {
                return ParsedRequest.Fail(
                    StatusCodes.Status400BadRequest,
                    ErrorCodes.InvalidRequest,
                    "The 'variables' and 'extensions' parameters must be JSON objects."
                );
            }

            return ParsedRequest.Ok(
                new GraphQLRequest
                {
                    Query = hasQuery ? query.GetString() : null,
                    OperationName = string.IsNullOrEmpty(operationName) ? null : operationName,
                    Variables = variables,
                    Extensions = extensions,
                }
            );
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

    private static ParsedRequest TooLarge(int limit) =>
        ParsedRequest.Fail(
            StatusCodes.Status413PayloadTooLarge,
            ErrorCodes.RequestTooLarge,
            $"The request body is larger than the limit of {limit} bytes (StreamEngine:GraphQL:MaxRequestBytes)."
        );
}
