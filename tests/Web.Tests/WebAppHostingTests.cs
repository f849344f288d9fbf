using System.Net;
using System.Text.RegularExpressions;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests;

/// <summary>The reference web app (built into wwwroot by vite at build time) at <c>/</c>, the demo page at
/// <c>/demo/</c>.</summary>
public sealed partial class WebAppHostingTests(StreamEngineApp app) : IClassFixture<StreamEngineApp>
{
    private readonly HttpClient _http = app.CreateGraphQLClient().Http;

    [Fact]
    public async Task The_root_serves_the_built_app_revalidated_and_its_hashed_bundles_cached_for_a_year()
    {
        using var page = await _http.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();
        var script = ScriptPath().Match(html).Groups[1].Value;
        using var bundle = await _http.GetAsync(script);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-cache", page.Headers.CacheControl!.ToString());
        Assert.StartsWith("/assets/index-", script, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", bundle.Headers.CacheControl!.ToString());
        Assert.Equal("text/javascript", bundle.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_demo_page_moved_to_demo_with_its_scripts()
    {
        var html = await _http.GetStringAsync("/demo/");

        Assert.Contains("<script src=\"/lib/hls.min.js\"></script>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/demo/app.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/lib/hls.min.js")).StatusCode);
    }

    [GeneratedRegex("<script type=\"module\" crossorigin src=\"([^\"]+)\"")]
    private static partial Regex ScriptPath();
}
