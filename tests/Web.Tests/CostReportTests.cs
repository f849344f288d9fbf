using System.Text;
using System.Text.Json.Nodes;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests;

/// <summary><c>GraphQL-Cost: report</c>: what an operation costs, as the rate limiter charges it.</summary>
public sealed class CostReportTests(CostReportTests.App app) : IClassFixture<CostReportTests.App>
{
    public sealed class App()
        : StreamEngineApp(new Dictionary<string, string?> { ["StreamEngine:RateLimiting:Enabled"] = "true" });

    private async Task<(HttpResponseMessage Response, JsonNode Body)> PostAsync(string query, bool report)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(
                new JsonObject { ["query"] = query }.ToJsonString(),
                Encoding.UTF8,
                "application/json"
            ),
        };
        if (report)
        {
            request.Headers.Add("GraphQL-Cost", "report");
        }

        var response = await app.CreateClient().SendAsync(request);
        return (response, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task A_client_that_asks_sees_the_complexity_and_the_tokens_charged_and_others_see_nothing()
    {
        var (cheap, cheapBody) = await PostAsync("{ serverInfo { name } }", report: true);
        var (list, listBody) = await PostAsync("{ videos(first: 100) { edges { node { id title } } } }", report: true);
        var (silent, silentBody) = await PostAsync("{ serverInfo { name } }", report: false);

        Assert.StartsWith("complexity=", cheap.Headers.GetValues("GraphQL-Cost").Single(), StringComparison.Ordinal);
        Assert.Equal(1, cheapBody["extensions"]!["cost"]!["tokens"]!.GetValue<double>());
        Assert.Equal("graphql", cheapBody["extensions"]!["cost"]!["policy"]!.GetValue<string>());
        Assert.True(
            listBody["extensions"]!["cost"]!["complexity"]!.GetValue<double>()
                > cheapBody["extensions"]!["cost"]!["complexity"]!.GetValue<double>()
        );
        Assert.True(list.Headers.Contains("GraphQL-Cost"));
        Assert.False(silent.Headers.Contains("GraphQL-Cost"));
        Assert.Null(silentBody["extensions"]);
    }

    [Fact]
    public async Task Nodes_costs_one_lookup_per_id_so_a_hundred_ids_cannot_pass_for_one()
    {
        var ids = string.Join(", ", Enumerable.Range(0, 100).Select(_ => $"\"{TestIds.Unknown("Comment")}\""));
        var (_, one) = await PostAsync($"{{ nodes(ids: [\"{TestIds.Unknown("Comment")}\"]) {{ id }} }}", report: true);
        var (_, hundred) = await PostAsync($"{{ nodes(ids: [{ids}]) {{ id }} }}", report: true);

        Assert.True(
            hundred["extensions"]!["cost"]!["complexity"]!.GetValue<double>()
                >= 50 * one["extensions"]!["cost"]!["complexity"]!.GetValue<double>(),
            hundred.ToJsonString()
        );
    }
}
