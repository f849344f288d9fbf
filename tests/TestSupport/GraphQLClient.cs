using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace StreamEngine.TestSupport;

/// <summary>A plain HTTP client of the GraphQL endpoint, as a frontend would use it.</summary>
public sealed class GraphQLClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public string? AccessToken { get; set; }

    public string Accept { get; set; } = "application/graphql-response+json";

    public async Task<GraphQLResponse> SendAsync(string query, object? variables = null, string? operationName = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(
                new
                {
                    query,
                    variables,
                    operationName,
                }
            ),
        };
        return await SendAsync(request);
    }

    public async Task<GraphQLResponse> SendRawAsync(
        HttpMethod method,
        string pathAndQuery,
        string? body = null,
        string? contentType = "application/json"
    )
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }

        return await SendAsync(request);
    }

    public async Task<GraphQLResponse> SendAsync(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.Accept.Count == 0 && !string.IsNullOrEmpty(Accept))
        {
            request.Headers.Accept.ParseAdd(Accept);
        }

        if (AccessToken is not null && request.Headers.Authorization is null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try
        {
            json = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException) { }

        var headers = response
            .Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new GraphQLResponse(
            response.StatusCode,
            response.Content.Headers.ContentType?.ToString(),
            text,
            json,
            headers
        );
    }
}

public sealed record GraphQLResponse(
    HttpStatusCode Status,
    string? ContentType,
    string Body,
    JsonNode? Json,
    IReadOnlyDictionary<string, string> Headers
)
{
    public JsonNode? Data => Json?["data"];

    public JsonArray? Errors => Json?["errors"] as JsonArray;

    public IReadOnlyList<string> ErrorCodes =>
        Errors?.Select(e => e?["extensions"]?["code"]?.GetValue<string>() ?? "<none>").ToList() ?? [];

    /// <summary>The data of a response that must have succeeded without errors.</summary>
    public JsonNode Ok()
    {
        Assert.True(Status == HttpStatusCode.OK, $"Expected 200, got {(int)Status}: {Body}");
        Assert.True(Errors is null || Errors.Count == 0, $"Unexpected errors: {Body}");
        return Data ?? throw new Xunit.Sdk.XunitException($"No data: {Body}");
    }

    /// <summary>The codes in the payload <c>errors</c> of every mutation in a response that has no GraphQL errors
    /// (mutations answer expected failures, authorization included, in their payloads).</summary>
    public IReadOnlyList<string> MutationErrorCodes =>
        Ok()
            .AsObject()
            .SelectMany(f => (f.Value?["errors"] as JsonArray) ?? [])
            .Select(e => e!["code"]!.GetValue<string>())
            .ToList();

    /// <summary>The codes in a payload's <c>errors</c> list at <paramref name="field"/>.</summary>
    public IReadOnlyList<string> PayloadErrorCodes(string field) =>
        (Ok()[field]?["errors"] as JsonArray)?.Select(e => e!["code"]!.GetValue<string>()).ToList() ?? [];
}
