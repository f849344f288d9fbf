using System.Text.Json.Nodes;
using StreamEngine.TestSupport;

namespace StreamEngine.EndToEnd;

/// <summary>The web app's "Sign in with Google" when the server has a client id. Contract-tested only: Google
/// Identity Services is a stand-in served to the browser, the ID token is signed by the test's key and checked by the
/// server against the stand-in's JWKS.</summary>
public sealed class GoogleSignInBrowserTests
{
    [Fact]
    public async Task The_sign_in_page_offers_google_with_the_servers_client_id_and_the_id_token_signs_in()
    {
        var chromium = TestEnvironment.Require(TestEnvironment.Chromium);
        await using var google = await GoogleTokenEndpoint.StartAsync();
        await using var app = StreamEngineApp.With(google.ServerSettings(), kestrel: true);
        var token = google.IdToken("google-subject-web", "webapp.google@example.test", name: "Web Person");

        var (exitCode, output) = await NodePeer.RunAsync(
            "google-signin.mjs",
            [app.BaseAddress.ToString().TrimEnd('/'), token],
            TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["STREAMENGINE_TEST_CHROMIUM"] = chromium }
        );

        Assert.True(exitCode == 0, output);
        var result = JsonNode.Parse(output.Trim().Split('\n')[^1])!;
        Assert.Equal(GoogleTokenEndpoint.ClientId, result["clientId"]!.GetValue<string>());
        Assert.StartsWith("@", result["signedInAs"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("#/", result["hash"]!.GetValue<string>());
    }
}
