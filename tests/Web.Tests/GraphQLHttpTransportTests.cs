using System.Net;
using System.Text;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests;

public sealed class GraphQLHttpTransportTests : IClassFixture<GraphQLHttpTransportTests.App>
{
    private readonly GraphQLClient _client;

    public GraphQLHttpTransportTests(App app)
    {
        _client = app.CreateGraphQLClient();
    }

    public sealed class App()
        : StreamEngineApp(
            new Dictionary<string, string?>
            {
                ["StreamEngine:GraphQL:MaxDepth"] = "6",
                ["StreamEngine:GraphQL:MaxComplexity"] = "60",
                ["StreamEngine:GraphQL:MaxRequestBytes"] = "4096",
            }
        );

    [Fact]
    public async Task A_query_posted_as_json_answers_in_the_accepted_media_type()
    {
        var response = await _client.SendAsync("{ __typename serverInfo { name } }");

        Assert.Equal("Query", response.Ok()["__typename"]!.GetValue<string>());
        Assert.StartsWith("application/graphql-response+json", response.ContentType, StringComparison.Ordinal);
        Assert.Contains("charset=utf-8", response.ContentType, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "application/json")]
    [InlineData("application/json", "application/json")]
    [InlineData("*/*", "application/json")]
    [InlineData("application/graphql-response+json, application/json;q=0.9", "application/graphql-response+json")]
    [InlineData("application/json, application/graphql-response+json;q=0.5", "application/json")]
    public async Task The_response_media_type_follows_the_accept_header(string? accept, string expected)
    {
        _client.Accept = accept ?? string.Empty;
        var response = await _client.SendAsync("{ __typename }");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.StartsWith(expected, response.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_accept_header_allowing_neither_media_type_gets_406()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("{\"query\":\"{ __typename }\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("text/csv");
        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.Status);
        Assert.Equal(["NOT_ACCEPTABLE"], response.ErrorCodes);
    }

    [Fact]
    public async Task A_query_can_be_sent_with_get_with_variables_in_the_query_string()
    {
        var query = Uri.EscapeDataString("query Q($h: String!) { user(handle: $h) { id } __typename }");
        var variables = Uri.EscapeDataString("{\"h\":\"nobody\"}");
        var response = await _client.SendRawAsync(
            HttpMethod.Get,
            $"/graphql?query={query}&variables={variables}&operationName=Q",
            contentType: null
        );

        var data = response.Ok();
        Assert.Null(data["user"]);
        Assert.Equal("Query", data["__typename"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_mutation_over_get_is_refused_with_405_and_allow_post()
    {
        var response = await _client.SendRawAsync(
            HttpMethod.Get,
            "/graphql?query=" + Uri.EscapeDataString("mutation { logout { sessionsEnded } }"),
            contentType: null
        );

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal("POST", response.Headers["Allow"]);
        Assert.Equal(["METHOD_NOT_ALLOWED"], response.ErrorCodes);
    }

    [Fact]
    public async Task Other_methods_are_refused_with_405()
    {
        var response = await _client.SendRawAsync(HttpMethod.Put, "/graphql", "{}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal(["METHOD_NOT_ALLOWED"], response.ErrorCodes);
    }

    [Theory]
    [InlineData("{ \"not a JSON", "INVALID_JSON")]
    [InlineData("", "INVALID_JSON")]
    [InlineData("[{\"query\":\"{ __typename }\"}]", "INVALID_REQUEST")]
    [InlineData("{\"qeury\":\"{ __typename }\"}", "MISSING_QUERY")]
    [InlineData("{\"query\":42}", "INVALID_REQUEST")]
    [InlineData("{\"query\":\"{ __typename }\",\"variables\":\"x\"}", "INVALID_REQUEST")]
    [InlineData("{\"query\":\"{ __typename }\",\"operationName\":7}", "INVALID_REQUEST")]
    [InlineData("{\"query\":\"{ __typename }\",\"extensions\":[1]}", "INVALID_REQUEST")]
    public async Task Malformed_requests_get_400_with_a_coded_error(string body, string code)
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, "/graphql", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal([code], response.ErrorCodes);
        Assert.Null(response.Json!["data"]);
        AssertNoInternals(response);
    }

    [Fact]
    public async Task A_post_without_json_content_type_gets_415()
    {
        var response = await _client.SendRawAsync(
            HttpMethod.Post,
            "/graphql",
            "{\"query\":\"{ __typename }\"}",
            "text/plain"
        );
        var missing = await _client.SendRawAsync(
            HttpMethod.Post,
            "/graphql",
            "{\"query\":\"{ __typename }\"}",
            contentType: null
        );

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, missing.Status);
        Assert.Equal(["UNSUPPORTED_MEDIA_TYPE"], response.ErrorCodes);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_naming_the_limit()
    {
        var body = "{\"query\":\"{ __typename }\",\"extensions\":{\"pad\":\"" + new string('x', 5000) + "\"}}";
        var response = await _client.SendRawAsync(HttpMethod.Post, "/graphql", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal(["REQUEST_TOO_LARGE"], response.ErrorCodes);
        Assert.Contains("4096", response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_syntax_error_gets_400_and_no_data_entry()
    {
        var response = await _client.SendAsync("{ __typename ");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(["GRAPHQL_PARSE_FAILED"], response.ErrorCodes);
        Assert.False(response.Json!.AsObject().ContainsKey("data"));
    }

    [Fact]
    public async Task Legacy_clients_get_200_for_graphql_errors()
    {
        _client.Accept = "application/json";
        var parse = await _client.SendAsync("{ __typename ");
        var validation = await _client.SendAsync("{ doesNotExist }");

        Assert.Equal(HttpStatusCode.OK, parse.Status);
        Assert.Equal(["GRAPHQL_PARSE_FAILED"], parse.ErrorCodes);
        Assert.Equal(HttpStatusCode.OK, validation.Status);
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], validation.ErrorCodes);
    }

    [Fact]
    public async Task A_variable_of_the_wrong_type_gets_400_bad_user_input()
    {
        var response = await _client.SendAsync(
            "query Q($h: String!) { user(handle: $h) { id } }",
            new { h = new[] { 1, 2 } }
        );

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(["BAD_USER_INPUT"], response.ErrorCodes);
    }

    [Fact]
    public async Task A_missing_required_variable_gets_400_bad_user_input()
    {
        var response = await _client.SendAsync("query Q($h: String!) { user(handle: $h) { id } }");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(["BAD_USER_INPUT"], response.ErrorCodes);
    }

    [Fact]
    public async Task An_unknown_operation_name_gets_400_operation_not_found()
    {
        var response = await _client.SendAsync("query A { __typename } query B { __typename }", operationName: "C");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(["OPERATION_NOT_FOUND"], response.ErrorCodes);
    }

    [Fact]
    public async Task A_query_deeper_than_the_limit_is_refused_naming_the_limit()
    {
        var response = await _client.SendAsync(
            "{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }"
        );

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("MAX_DEPTH_EXCEEDED", response.ErrorCodes);
        Assert.Contains(
            response.Errors!,
            e => e!["message"]!.GetValue<string>().Contains('6', StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task A_query_more_complex_than_the_limit_is_refused()
    {
        var fields = string.Join(" ", Enumerable.Range(0, 30).Select(i => $"a{i}: serverInfo {{ name version }}"));
        var response = await _client.SendAsync("{ " + fields + " }");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(["MAX_COMPLEXITY_EXCEEDED"], response.ErrorCodes);
        Assert.Contains("60", response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subscription_over_http_is_refused_with_a_pointer_to_websockets()
    {
        var response = await _client.SendAsync("subscription { __typename }");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(["INVALID_REQUEST"], response.ErrorCodes);
    }

    [Fact]
    public async Task A_forged_bearer_token_gets_401_token_invalid()
    {
        _client.AccessToken = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
        var response = await _client.SendAsync("{ me: viewer { user { id } } }");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(["TOKEN_INVALID"], response.ErrorCodes);
        Assert.StartsWith("Bearer", response.Headers["WWW-Authenticate"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(
        "{\"query\":\"{ __typename }\",\"variables\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":1}}}}}}}}"
    )]
    [InlineData("{\"query\":\"query($x: Int) { __typename }\",\"variables\":{\"x\":1e400}}")]
    [InlineData("{\"query\":\"{ user(handle: \\\"\\u0000\\\") { id } }\"}")]
    [InlineData("{\"query\":\"query { ...F } fragment F on Query { ...F }\"}")]
    [InlineData("{\"query\":\"{ __type(name: \\\"Run🏃Swim🏊\\\") { name } }\"}")]
    public async Task Hostile_requests_never_get_a_500(string body)
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, "/graphql", body);

        Assert.True((int)response.Status < 500, $"{(int)response.Status}: {response.Body}");
        AssertNoInternals(response);
        Assert.All(response.ErrorCodes, code => Assert.NotEqual("<none>", code));
    }

    [Fact]
    public async Task Every_response_carries_a_request_id()
    {
        var response = await _client.SendAsync("{ __typename }");

        Assert.False(string.IsNullOrEmpty(response.Headers["X-Request-Id"]));
    }

    private static void AssertNoInternals(GraphQLResponse response)
    {
        Assert.DoesNotContain("   at ", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", response.Body, StringComparison.Ordinal);
    }
}
