using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;
using StreamEngine.Web.Tests.Videos;

namespace StreamEngine.Web.Tests.Operations;

/// <summary><c>deploy/observability</c>: the alert rules pass promtool's checks and unit tests, and every series the
/// rules and the Grafana dashboard name is on a running server's <c>/metrics</c> (PostgreSQL and Redis, after one
/// upload).</summary>
[Collection(nameof(MetricsAlone))]
public sealed partial class ObservabilityFilesTests : IDisposable
{
    private static readonly string Folder = Path.Combine(TestEnvironment.RepositoryRoot(), "deploy", "observability");
    private readonly TempDirectory _files = new();

    [Fact]
    public void The_alert_rules_pass_promtool_check_and_their_unit_tests()
    {
        var check = Promtool("check", "rules", "alerts.yml");
        var test = Promtool("test", "rules", "alerts.test.yml");

        Assert.True(check.Code == 0, check.Output);
        Assert.Contains("SUCCESS: 9 rules found", check.Output, StringComparison.Ordinal);
        Assert.True(test.Code == 0, test.Output);
    }

    [Fact]
    public async Task Every_series_the_alerts_and_the_dashboard_name_exists_on_a_running_server()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var settings = database.ServerSettings();
        settings["StreamEngine:Redis:ConnectionString"] = TestEnvironment.Require(TestEnvironment.Redis);
        settings["StreamEngine:Redis:KeyPrefix"] = $"obs-{Guid.NewGuid():N}:";
        settings["StreamEngine:Pipeline:Preset"] = "ultrafast";
        settings["StreamEngine:Telemetry:SampleInterval"] = "00:00:01";
        await using var app = StreamEngineApp.With(settings, kestrel: true);
        var client = app.CreateGraphQLClient();
        client.AccessToken = (await client.SignUpAsync("observer")).AccessToken;
        var clip = TestMedia.TinyClip(_files.Path, "clip");
        var id = (await client.UploadAsync(clip))["id"]!.GetValue<string>();
        await client.WaitUntilSettledAsync(id, TimeSpan.FromMinutes(2));
        await client.SendAsync("query Broken { video(id: \"nope\") { id } }");
        var page = await PrometheusText.ScrapeUntilAsync(
            client.Http,
            p => PrometheusText.Value(p, "streamengine_dependency_up", "dependency=redis") == 1,
            TimeSpan.FromSeconds(20)
        );
        var exposed = PrometheusText.Names(page);

        var rules = File.ReadAllLines(Path.Combine(Folder, "alerts.yml")).Where(l => !l.TrimStart().StartsWith('#'));
        var named = NamedSeries(string.Join('\n', rules))
            .Concat(DashboardExpressions().SelectMany(NamedSeries))
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(named.Count >= 25, string.Join(", ", named));
        var missing = named.Where(name => !exposed.Contains(name)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Not on /metrics: " + string.Join(", ", missing));
        Assert.Equal(1, PrometheusText.Value(page, "streamengine_dependency_up", "dependency=redis"));
    }

    private static IEnumerable<string> DashboardExpressions() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "grafana-dashboard.json")))!["panels"]!
            .AsArray()
            .SelectMany(panel => panel!["targets"]!.AsArray())
            .Select(target => target!["expr"]!.GetValue<string>());

    /// <summary>The series an expression names: identifiers with our exporters' prefixes, outside label matchers and
    /// quotes and
    /// grouping clauses.</summary>
    private static IEnumerable<string> NamedSeries(string text) =>
        Series()
            .Matches(Grouping().Replace(Quoted().Replace(Matchers().Replace(text, ""), ""), ""))
            .Select(m => m.Value);

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\b(streamengine|http_server|graphql|kestrel|dotnet|process|db_client)_[a-z0-9_]+\b")]
    private static partial Regex Series();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex Quoted();

    private static (int Code, string Output) Promtool(params string[] arguments) =>
        OwnedPorts.Capture("promtool", Folder, arguments);

    public void Dispose() => _files.Dispose();
}
