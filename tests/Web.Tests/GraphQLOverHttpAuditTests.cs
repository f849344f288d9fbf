using System.Text.Json.Nodes;
using StreamEngine.TestSupport;
using Xunit.Abstractions;

namespace StreamEngine.Web.Tests;

/// <summary>The graphql-http package's own audit suite (a real third-party peer) against the live server.</summary>
public sealed class GraphQLOverHttpAuditTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_graphql_http_server_audits_report_no_error()
    {
        await using var app = StreamEngineApp.With(null, kestrel: true);
        var url = new Uri(app.BaseAddress, "/graphql").ToString();

        var (exitCode, text) = await NodePeer.RunAsync("audit.mjs", [url], TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, text);
        var results = JsonNode.Parse(text.Trim().Split('\n')[^1])!.AsArray();
        Assert.True(results.Count > 30, $"Expected the full audit list, got {results.Count}");
        foreach (var result in results.Where(r => r!["status"]!.GetValue<string>() != "ok"))
        {
            output.WriteLine($"{result!["status"]} {result["id"]} {result["name"]}: {result["reason"]}");
        }

        var errors = results
            .Where(r => r!["status"]!.GetValue<string>() == "error")
            .Select(r => r!.ToJsonString())
            .ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
