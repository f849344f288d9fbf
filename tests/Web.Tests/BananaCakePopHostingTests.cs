using System.Net;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests;

public sealed class BananaCakePopHostingTests : IClassFixture<StreamEngineApp>
{
    private readonly HttpClient _http;

    public BananaCakePopHostingTests(StreamEngineApp app)
    {
        _http = app.CreateGraphQLClient().Http;
    }

    [Fact]
    public async Task A_browser_get_of_the_endpoint_is_redirected_to_the_ide_keeping_the_query_string()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?tab=1");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/graphql/?tab=1", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_ide_page_its_assets_and_its_configuration_are_served()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql/");
        request.Headers.Accept.ParseAdd("text/html");
        using var page = await _http.SendAsync(request);
        var html = await page.Content.ReadAsStringAsync();
        var config = await _http.GetStringAsync("/graphql/bcp-config.json");
        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"(static/js/main[^\"]+)\"").Groups[1].Value;
        using var asset = await _http.GetAsync("/graphql/" + script);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Banana Cake Pop", html, StringComparison.Ordinal);
        Assert.Contains("\"useBrowserUrlAsEndpoint\":true", config, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal("text/javascript", asset.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", asset.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_get_with_a_query_still_executes_graphql_even_from_a_browser()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=%7B__typename%7D");
        request.Headers.Accept.ParseAdd("text/html,application/json;q=0.9");
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(
            "\"__typename\":\"Query\"",
            await response.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
    }
}
