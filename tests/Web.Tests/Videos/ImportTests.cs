using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;

namespace StreamEngine.Web.Tests.Videos;

/// <summary>importVideo through the public API: a file served on loopback (allowed only by the development setting)
/// becomes a READY video; a redirect or a missing file ends FAILED with a reason; without the setting, loopback and
/// metadata URLs are refused before anything is created.</summary>
public sealed class ImportTests : IAsyncLifetime
{
    private const string Import =
        "mutation($i: ImportVideoInput!) { importVideo(input: $i) { video { id status } errors { code field } } }";

    private readonly TempDirectory _files = new();
    private WebApplication _origin = null!;
    private Uri _base = null!;

    public async Task InitializeAsync()
    {
        var clip = await File.ReadAllBytesAsync(TestMedia.Clip720(_files.Path, seconds: 3));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _origin = builder.Build();
        _origin.MapGet("/clip.mp4", () => Results.Bytes(clip, "video/mp4"));
        _origin.MapGet("/redirect", () => Results.Redirect("/clip.mp4"));
        _origin.MapGet("/notes.mp4", () => Results.Text("These are notes, not a video.", "video/mp4"));
        await _origin.StartAsync();
        _base = new Uri(
            _origin.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
        );
    }

    public async Task DisposeAsync()
    {
        await _origin.DisposeAsync();
        _files.Dispose();
    }

    [Fact]
    public async Task A_served_file_becomes_ready_and_redirects_missing_files_and_non_videos_fail_with_a_reason()
    {
        await using var app = StreamEngineApp.With(
            new Dictionary<string, string?> { ["StreamEngine:Webhooks:AllowPrivateAddresses"] = "true" }
        );
        var client = app.CreateGraphQLClient();
        client.AccessToken = (await client.SignUpAsync("importer")).AccessToken;

        var imported = await ImportAsync(client, "/clip.mp4");
        var redirected = await ImportAsync(client, "/redirect");
        var missing = await ImportAsync(client, "/missing.mp4");
        var waiting = await client.SendAsync(
            Import,
            new { i = new { url = new Uri(_base, "/notes.mp4").ToString(), title = "Fourth" } }
        );

        // At most three imports wait per account; a settled one frees its place.
        Assert.Equal(["QUOTA_EXCEEDED"], waiting.PayloadErrorCodes("importVideo"));
        Assert.Contains("redirect", await ReasonAsync(client, redirected), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("404", await ReasonAsync(client, missing), StringComparison.Ordinal);
        var ready = await client.WaitUntilSettledAsync(imported, TimeSpan.FromMinutes(2));
        Assert.Equal("READY", ready["status"]!.GetValue<string>());
        Assert.NotEmpty(ready["renditions"]!.AsArray());
        Assert.NotEmpty(await ReasonAsync(client, await ImportAsync(client, "/notes.mp4")));
    }

    [Fact]
    public async Task Loopback_metadata_and_private_urls_are_refused_without_the_development_setting()
    {
        await using var app = StreamEngineApp.With(new Dictionary<string, string?>());
        var client = app.CreateGraphQLClient();
        client.AccessToken = (await client.SignUpAsync("ssrf")).AccessToken;

        foreach (
            var url in new[]
            {
                new Uri(_base, "/clip.mp4").ToString(),
                "https://169.254.169.254/latest/meta-data",
                "https://192.168.1.10/clip.mp4",
                "https://[::ffff:127.0.0.1]/clip.mp4",
            }
        )
        {
            var response = await client.SendAsync(Import, new { i = new { url, title = "Nope" } });
            Assert.Equal(["URL_NOT_ALLOWED"], response.PayloadErrorCodes("importVideo"));
        }

        Assert.Equal(
            0,
            (await client.SendAsync("{ viewer { dashboard { totalVideos } } }")).Ok()["viewer"]!["dashboard"]![
                "totalVideos"
            ]!.GetValue<int>()
        );
    }

    private async Task<string> ImportAsync(GraphQLClient client, string path)
    {
        var payload = (
            await client.SendAsync(Import, new { i = new { url = new Uri(_base, path).ToString(), title = path } })
        ).Ok()["importVideo"]!;
        Assert.Empty(payload["errors"]!.AsArray());
        return payload["video"]!["id"]!.GetValue<string>();
    }

    private static async Task<string> ReasonAsync(GraphQLClient client, string id)
    {
        var video = await client.WaitUntilSettledAsync(id, TimeSpan.FromMinutes(1));
        Assert.Equal("FAILED", video["status"]!.GetValue<string>());
        return video["failureReason"]!.GetValue<string>();
    }
}
