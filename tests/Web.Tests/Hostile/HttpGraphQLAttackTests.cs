using System.Net;
using System.Text;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;

namespace StreamEngine.Web.Tests.Hostile;

/// <summary>The GraphQL endpoint as an attacker uses it: documents that multiply work through aliases and fragments,
/// and client-chosen names that would grow the metrics without bound. Extend this class for every new trick.</summary>
public sealed class HttpGraphQLAttackTests
{
    [Fact]
    public async Task Forty_logins_hidden_in_a_fragment_on_Mutation_are_refused_before_any_password_is_checked()
    {
        await using var app = new StreamEngineApp();
        var client = app.CreateGraphQLClient();
        var user = await client.SignUpAsync("aliases");
        var logins = string.Join(
            ' ',
            Enumerable
                .Range(0, 40)
                .Select(i =>
                    $"a{i}: login(input: {{ email: \"{user.Email}\", password: \"wrong-password-{i}\" }}) {{ "
                    + "errors { code } }"
                )
        );

        var refused = await client.SendAsync($"mutation {{ ... on Mutation {{ {logins} }} }}");
        var login = await client.LoginAsync(user.Email);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(["DOCUMENT_TOO_LARGE"], refused.ErrorCodes);
        Assert.Empty(login.PayloadErrorCodes("login"));
    }

    [Fact]
    public async Task A_password_check_behind_a_named_fragment_still_counts_as_one_and_two_are_refused()
    {
        await using var app = new StreamEngineApp();
        var client = app.CreateGraphQLClient();
        var user = await client.SignUpAsync("fragments");
        client.AccessToken = user.AccessToken;

        var refused = await client.SendAsync(
            """
            mutation { ...A ...B }
            fragment A on Mutation { deleteAccount(input: { password: "wrong-one-1" }) { errors { code } } }
            fragment B on Mutation { again: deleteAccount(input: { password: "wrong-one-2" }) { errors { code } } }
            """
        );

        Assert.Equal(["DOCUMENT_TOO_LARGE"], refused.ErrorCodes);
        Assert.Equal(
            user.UserId,
            (await client.MeAsync(user.AccessToken)).Ok()["me"]!["user"]!["id"]!.GetValue<string>()
        );
    }

    [Fact]
    public async Task Thousands_of_aliased_typenames_are_refused_although_typename_costs_nothing()
    {
        await using var app = new StreamEngineApp();
        var client = app.CreateGraphQLClient();
        var aliases = string.Join(' ', Enumerable.Range(0, 2000).Select(i => $"t{i}: __typename"));

        var refused = await client.SendAsync($"{{ {aliases} }}");
        var metrics = await (
            await app.CreateClient().GetAsync(new Uri("/metrics", UriKind.Relative))
        ).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(["DOCUMENT_TOO_LARGE"], refused.ErrorCodes);
        Assert.Equal(1, PrometheusText.Value(metrics, "streamengine_graphql_documents_refused_total"));
    }

    [Fact]
    public async Task A_fragment_bomb_is_measured_without_being_expanded_and_refused()
    {
        await using var app = new StreamEngineApp();
        var client = app.CreateGraphQLClient();
        var document = new StringBuilder("query { ...F0 }\n");
        for (var i = 0; i < 30; i++)
        {
            document.Append(CultureInfoInvariant($"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}\n"));
        }

        document.Append("fragment F30 on Query { __typename }\n");

        var refused = await client.SendAsync(document.ToString());

        Assert.Equal(["DOCUMENT_TOO_LARGE"], refused.ErrorCodes);
    }

    [Fact]
    public async Task Every_aliased_authentication_field_pays_its_own_token()
    {
        await using var app = StreamEngineApp.With(
            new Dictionary<string, string?>
            {
                ["StreamEngine:RateLimiting:Enabled"] = "true",
                ["StreamEngine:RateLimiting:Authentication:ClientCapacity"] = "3",
                ["StreamEngine:RateLimiting:Authentication:ClientPerSecond"] = "0.01",
            }
        );
        var client = app.CreateGraphQLClient();
        var refreshes = string.Join(
            ' ',
            Enumerable
                .Range(0, 4)
                .Select(i =>
                    $"r{i}: refreshSession(input: {{ refreshToken: \"not-a-token-{i}\" }}) {{ errors {{ code }} }}"
                )
        );

        var refused = await client.SendAsync($"mutation {{ ... on Mutation {{ {refreshes} }} }}");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal(["RATE_LIMITED"], refused.ErrorCodes);
        var metrics = await (
            await app.CreateClient().GetAsync(new Uri("/metrics", UriKind.Relative))
        ).Content.ReadAsStringAsync();
        Assert.True(PrometheusText.Value(metrics, "streamengine_ratelimit_refusals_total", "policy=auth") >= 1);
        Assert.Contains("process_cpu_time", metrics, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operation_names_chosen_by_clients_cannot_grow_the_metrics_without_bound()
    {
        await using var app = new StreamEngineApp();
        var client = app.CreateGraphQLClient();
        for (var i = 0; i < 260; i++)
        {
            await client.SendAsync($"query Probe{i} {{ __typename }}", operationName: $"Probe{i}");
        }

        await client.SendAsync("{ __typename }", operationName: "NotInTheDocument");
        var metrics = await (
            await app.CreateClient().GetAsync(new Uri("/metrics", UriKind.Relative))
        ).Content.ReadAsStringAsync();
        var names = System
            .Text.RegularExpressions.Regex.Matches(metrics, "graphql_operation_name=\"([^\"]+)\"")
            .Select(m => m.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);

        // Other servers in this test process export through the same meter name; only this test's names are counted.
        var probes = names.Count(n => System.Text.RegularExpressions.Regex.IsMatch(n, "^Probe[0-9]+$"));
        Assert.True(probes <= 200, $"{probes} distinct probe names");
        Assert.Contains("other", names);
        Assert.DoesNotContain("NotInTheDocument", names);
    }

    private static string CultureInfoInvariant(FormattableString text) => FormattableString.Invariant(text);
}
