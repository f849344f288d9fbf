using System.Text;
using GraphQL.SystemTextJson;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;
using StreamEngine.Web.GraphQL.Transport;

namespace StreamEngine.Web.Tests;

/// <summary>The GraphQL over HTTP request parser, without a server.</summary>
public sealed class GraphQLHttpRequestParserTests
{
    private readonly GraphQLHttpRequestParser _parser = new(new GraphQLSerializer(), 1024, NullLogger.Instance);

    [Theory]
    [InlineData("not json", 400, "INVALID_JSON")]
    [InlineData("[{\"query\":\"{ a }\"}]", 400, "INVALID_REQUEST")]
    [InlineData("{}", 400, "MISSING_QUERY")]
    [InlineData("{\"query\":5}", 400, "INVALID_REQUEST")]
    [InlineData("{\"query\":\"{ a }\",\"operationName\":5}", 400, "INVALID_REQUEST")]
    [InlineData("{\"query\":\"{ a }\",\"variables\":[1]}", 400, "INVALID_REQUEST")]
    public void A_malformed_body_is_a_request_error_with_its_status_and_code(string body, int status, string code)
    {
        var parsed = _parser.ParseBody(Encoding.UTF8.GetBytes(body));

        Assert.Null(parsed.Request);
        Assert.Equal(status, parsed.Error!.Status);
        Assert.Equal(code, parsed.Error.Code);
    }

    [Fact]
    public void A_body_becomes_a_request_with_operation_name_variables_and_extensions()
    {
        var parsed = _parser.ParseBody(
            Encoding.UTF8.GetBytes(
                "{\"query\":\"query Q($x: Int) { a "
                    + "}\",\"operationName\":\"Q\",\"variables\":{\"x\":2},\"extensions\":{\"e\":true}}"
            )
        );

        Assert.Null(parsed.Error);
        Assert.Equal("Q", parsed.Request!.OperationName);
        Assert.True(parsed.Request.Variables!.ContainsKey("x"));
        Assert.True(parsed.Request.Extensions!.ContainsKey("e"));
    }

    [Fact]
    public void A_query_string_is_read_and_a_missing_query_or_bad_variables_refused()
    {
        var good = _parser.ParseGet(
            new QueryCollection(
                new Dictionary<string, StringValues> { ["query"] = "{ a }", ["variables"] = "{\"x\":1}" }
            )
        );
        var missing = _parser.ParseGet(new QueryCollection());
        var badVariables = _parser.ParseGet(
            new QueryCollection(new Dictionary<string, StringValues> { ["query"] = "{ a }", ["variables"] = "[1]" })
        );

        Assert.Equal("{ a }", good.Request!.Query);
        Assert.Equal("MISSING_QUERY", missing.Error!.Code);
        Assert.Equal("INVALID_REQUEST", badVariables.Error!.Code);
    }

    [Theory]
    [InlineData("text/plain", 2, 415)]
    [InlineData("application/json; charset=latin1", 2, 415)]
    [InlineData("application/json", 2000, 413)]
    public async Task A_post_with_the_wrong_type_or_over_the_limit_is_refused_before_parsing(
        string contentType,
        int bytes,
        int status
    )
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(
            Encoding.UTF8.GetBytes("{\"query\":\"" + new string('a', bytes) + "\"}")
        );

        var parsed = await _parser.ParsePostAsync(context.Request, default);

        Assert.Equal(status, parsed.Error!.Status);
    }
}
