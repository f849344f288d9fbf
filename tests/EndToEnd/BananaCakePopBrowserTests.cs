using System.Text.Json.Nodes;
using StreamEngine.TestSupport;

namespace StreamEngine.EndToEnd;

/// <summary>A real browser (Debian's chromium, driven by playwright-core) opens the IDE at the GraphQL
/// endpoint.</summary>
public sealed class BananaCakePopBrowserTests
{
    [Fact]
    public async Task A_browser_opens_banana_cake_pop_at_the_endpoint_runs_typename_and_sees_the_answer()
    {
        TestEnvironment.Require(TestEnvironment.Chromium);
        await using var app = StreamEngineApp.With(null, kestrel: true);
        var url = new Uri(app.BaseAddress, "/graphql").ToString();

        // The IDE is someone else's UI: on a machine saturated by the rest of the suite, a walk can stall in it
        // (it ignores key presses while busy). One more walk in a fresh browser; a second failure is a failure,
        // and its message carries both walks' step timings.
        var (exitCode, output) = await WalkAsync(url);
        if (exitCode != 0 || !output.Contains("\"status\":200", StringComparison.Ordinal))
        {
            var first = output;
            (exitCode, output) = await WalkAsync(url);
            output = "first walk:\n" + first + "\nsecond walk:\n" + output;
        }

        Assert.True(exitCode == 0, output);
        var result = JsonNode.Parse(output.Trim().Split('\n')[^1])!;
        Assert.Equal(url + "/", result["landed"]!.GetValue<string>());
        Assert.True(result["introspected"]!.GetValue<bool>(), "The IDE should have introspected the schema.");
        Assert.True(result["result"] is JsonObject, "The IDE's own request for the query never left: " + output);
        Assert.Equal(200, result["result"]!["status"]!.GetValue<int>());
        Assert.Equal("{\"data\":{\"__typename\":\"Query\"}}", result["result"]!["body"]!.GetValue<string>());
        Assert.Contains("\"Query\"", result["shown"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Output)> WalkAsync(string url) =>
        NodePeer.RunAsync(
            "bcp.mjs",
            [url, "{ __typename }"],
            TimeSpan.FromMinutes(3),
            new Dictionary<string, string>
            {
                ["STREAMENGINE_TEST_CHROMIUM"] = TestEnvironment.Require(TestEnvironment.Chromium),
            }
        );
}
