using System.Net;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;

namespace StreamEngine.Web.Tests.RateLimiting;

public sealed class RateLimitingTests
{
    private static Dictionary<string, string?> Limits(params (string Key, string Value)[] settings)
    {
        var result = new Dictionary<string, string?> { ["StreamEngine:RateLimiting:Enabled"] = "true" };
        foreach (var (key, value) in settings)
        {
            result["StreamEngine:RateLimiting:" + key] = value;
        }

        return result;
    }

    [Fact]
    public async Task Over_the_limit_graphql_answers_429_with_retry_after_ratelimit_headers_and_a_coded_error()
    {
        await using var app = StreamEngineApp.With(
            Limits(("GraphQL:ClientCapacity", "3"), ("GraphQL:ClientPerSecond", "0.05"))
        );
        var client = app.CreateGraphQLClient();

        var ok = new List<GraphQLResponse>();
        for (var i = 0; i < 3; i++)
        {
            ok.Add(await client.SendAsync("{ __typename }"));
        }

        var refused = await client.SendAsync("{ __typename }");
        client.Accept = "application/json";
        var legacy = await client.SendAsync("{ __typename }");

        Assert.All(ok, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.True(
            refused.Status == HttpStatusCode.TooManyRequests,
            refused.Body + string.Join(",", refused.Headers.Keys)
        );
        Assert.Equal("\"graphql\";q=3;w=60", ok[0].Headers["RateLimit-Policy"]);
        Assert.Equal("\"graphql\";r=2;t=20", ok[0].Headers["RateLimit"]);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal(["RATE_LIMITED"], refused.ErrorCodes);
        // About 20 s (one token at 0.05/s), less whatever the machine took between the requests.
        Assert.InRange(refused.Errors![0]!["extensions"]!["retryAfterSeconds"]!.GetValue<int>(), 10, 20);
        Assert.InRange(
            int.Parse(refused.Headers["Retry-After"], System.Globalization.CultureInfo.InvariantCulture),
            10,
            20
        );
        Assert.StartsWith("\"graphql\";r=0;t=", refused.Headers["RateLimit"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, legacy.Status);
    }

    [Fact]
    public async Task Sign_in_attempts_have_their_own_strict_policy()
    {
        await using var app = StreamEngineApp.With(
            Limits(("Authentication:ClientCapacity", "3"), ("Authentication:ClientPerSecond", "0.01"))
        );
        var client = app.CreateGraphQLClient();

        var codes = new List<IReadOnlyList<string>>();
        for (var i = 0; i < 4; i++)
        {
            var response = await client.LoginAsync("nobody@example.com", "wrong-password-1");
            codes.Add(response.Status == HttpStatusCode.OK ? response.PayloadErrorCodes("login") : response.ErrorCodes);
        }

        var query = await client.SendAsync("{ __typename }");

        Assert.All(codes.Take(3), c => Assert.Equal(["INVALID_CREDENTIALS"], c));
        Assert.Equal(["RATE_LIMITED"], codes[3]);
        Assert.Equal(HttpStatusCode.OK, query.Status);
    }

    [Fact]
    public async Task An_expensive_query_costs_more_tokens_than_a_cheap_one()
    {
        await using var app = StreamEngineApp.With(
            Limits(("GraphQL:ClientCapacity", "10"), ("GraphQL:ClientPerSecond", "0.01"), ("ComplexityPerToken", "2"))
        );
        var client = app.CreateGraphQLClient();
        var expensive =
            "{ " + string.Join(" ", Enumerable.Range(0, 5).Select(i => $"a{i}: serverInfo {{ name version }}")) + " }";

        var first = await client.SendAsync(expensive);
        var second = await client.SendAsync(expensive);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("\"graphql\";r=2;t=800", first.Headers["RateLimit"]);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.Status);
    }

    [Fact]
    public async Task Media_delivery_has_a_burst_friendly_policy_of_its_own_and_answers_429_when_spent()
    {
        await using var app = StreamEngineApp.With(
            Limits(("Media:ClientCapacity", "2"), ("Media:ClientPerSecond", "0.01"))
        );
        var http = app.CreateGraphQLClient().Http;
        var url = $"/media/{Guid.NewGuid():N}/0-x/master.m3u8";

        using var first = await http.GetAsync(url);
        using var second = await http.GetAsync(url);
        using var third = await http.GetAsync(url);
        using var graphql = await http.PostAsync(
            "/graphql",
            new StringContent("{\"query\":\"{ __typename }\"}", System.Text.Encoding.UTF8, "application/json")
        );

        Assert.Equal(HttpStatusCode.Forbidden, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, graphql.StatusCode);
    }

    [Fact]
    public async Task Two_hundred_concurrent_requests_over_two_instances_sharing_redis_let_exactly_fifty_pass()
    {
        var settings = Limits(
            ("GraphQL:ClientCapacity", "50"),
            ("GraphQL:ClientPerSecond", "0.001"),
            ("GraphQL:GlobalCapacity", "100000"),
            ("GraphQL:GlobalPerSecond", "1000")
        );
        settings["StreamEngine:Redis:ConnectionString"] = TestEnvironment.Require(TestEnvironment.Redis);
        settings["StreamEngine:Redis:KeyPrefix"] = $"test-{Guid.NewGuid():N}:";
        await using var a = StreamEngineApp.With(settings);
        await using var b = StreamEngineApp.With(settings);
        // Anonymous clients from the same address: one client bucket, kept in Redis, shared by both instances (with a
        // bucket per instance, 100 would pass).
        var clients = new[] { a.CreateGraphQLClient(), b.CreateGraphQLClient() };

        var responses = await Task.WhenAll(
            Enumerable.Range(0, 200).Select(i => clients[i % 2].SendAsync("{ __typename }"))
        );

        Assert.True(
            responses.All(r => r.Status is HttpStatusCode.OK or HttpStatusCode.TooManyRequests),
            string.Join(
                "\n",
                responses
                    .Where(r => r.Status is not (HttpStatusCode.OK or HttpStatusCode.TooManyRequests))
                    .Select(r => $"{(int)r.Status} {r.Body}")
                    .Distinct()
            )
        );
        Assert.Equal(50, responses.Count(r => r.Status == HttpStatusCode.OK));
        Assert.Equal(150, responses.Count(r => r.Status == HttpStatusCode.TooManyRequests));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task X_forwarded_for_is_believed_only_from_trusted_proxies(bool trusted)
    {
        var settings = Limits(("GraphQL:ClientCapacity", "1"), ("GraphQL:ClientPerSecond", "0.001"));
        if (trusted)
        {
            settings["StreamEngine:Network:TrustedProxies:0"] = "127.0.0.1";
        }

        await using var app = StreamEngineApp.With(settings, kestrel: true);
        var http = app.CreateGraphQLClient().Http;

        async Task<HttpStatusCode> From(string forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
            {
                Content = new StringContent(
                    "{\"query\":\"{ __typename }\"}",
                    System.Text.Encoding.UTF8,
                    "application/json"
                ),
            };
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        var first = await From("203.0.113.7");
        var second = await From("198.51.100.9");

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(trusted ? HttpStatusCode.OK : HttpStatusCode.TooManyRequests, second);
    }
}
