using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;
using StreamEngine.Web.Tests.Subscriptions;

namespace StreamEngine.Web.Tests.Hostile;

/// <summary>The WebSocket endpoint as an attacker uses it: a socket that outlives its session, too many sockets,
/// re-initialisation to exhaust a user's connections.</summary>
public sealed class WebSocketAttackTests : IClassFixture<WebSocketAttackTests.App>
{
    private const string Protocol = "graphql-transport-ws";
    private readonly App _app;

    public WebSocketAttackTests(App app) => _app = app;

    public sealed class App()
        : StreamEngineApp(
            new Dictionary<string, string?>
            {
                ["StreamEngine:GraphQL:WebSockets:SessionCheckInterval"] = "00:00:01",
                ["StreamEngine:GraphQL:WebSockets:MaxConnectionsPerUser"] = "2",
            }
        );

    [Theory]
    [InlineData("logoutEverywhere")]
    [InlineData("changePassword")]
    [InlineData("deleteAccount")]
    [InlineData("resetPassword")]
    public async Task A_socket_is_closed_4403_when_its_session_ends(string how)
    {
        var client = _app.CreateGraphQLClient();
        var user = await client.SignUpAsync("ws-" + how);
        var other = (await client.LoginAsync(user.Email)).Session("login", user.Email);
        await using var socket = await SignedInSocketAsync(user.AccessToken);
        await socket.SendAsync(
            new
            {
                id = "1",
                type = "subscribe",
                payload = new { query = "subscription { viewerVideoEvents { status } }" },
            }
        );

        client.AccessToken = how == "changePassword" ? other.AccessToken : user.AccessToken;
        var code = "";
        if (how == "resetPassword")
        {
            client.AccessToken = null;
            await client.SendAsync(
                $"mutation {{ requestPasswordReset(input: {{ email: \"{user.Email}\" }}) {{ errors {{ code }} }} }}"
            );
            var mail = Outbox
                .WaitForMessages(
                    _app.DataDirectory,
                    m =>
                        m.Contains(user.Email, StringComparison.OrdinalIgnoreCase)
                        && m.Contains("reset-password", StringComparison.Ordinal)
                )
                .Single();
            code = System.Text.RegularExpressions.Regex.Match(mail, @"enter this code: (\d{6})").Groups[1].Value;
        }

        var mutation = how switch
        {
            "resetPassword" =>
                $"mutation {{ resetPassword(input: {{ token: \"{code}\", email: \"{user.Email}\", newPassword: "
                    + "\"amber-lantern-77\" }) { errors { code } } }",
            "logoutEverywhere" => "mutation { logoutEverywhere { errors { code } } }",
            "changePassword" =>
                $"mutation {{ changePassword(input: {{ currentPassword: \"{AccountClient.Password}\", newPassword: "
                    + "\"amber-lantern-77\" }) { errors { code } } }",
            _ => $"mutation {{ deleteAccount(input: {{ password: \"{AccountClient.Password}\" }}) {{ errors {{ code "
                + $"}} }} }}",
        };
        Assert.Null((await client.SendAsync(mutation)).Errors);

        Assert.Equal(4403, await socket.ClosedWithAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_socket_closes_when_its_token_expires_unless_a_fresh_token_is_sent_first()
    {
        var client = _app.CreateGraphQLClient();
        var user = await client.SignUpAsync("ws-expiry");
        await using var renewed = await SignedInSocketAsync(user.AccessToken);
        await using var stale = await SignedInSocketAsync(user.AccessToken);

        _app.Clock.Advance(TimeSpan.FromMinutes(10));
        var fresh = (await client.RefreshAsync(user.RefreshToken)).Session("refreshSession", user.Email);
        await renewed.SendAsync(
            new { type = "authenticate", payload = new { Authorization = "Bearer " + fresh.AccessToken } }
        );
        var answer = await renewed.ReceiveTypeAsync("authenticated");
        _app.Clock.Advance(TimeSpan.FromMinutes(10));
        var staleClose = await stale.ClosedWithAsync(TimeSpan.FromSeconds(10));
        await renewed.SendAsync(
            new
            {
                id = "q",
                type = "subscribe",
                payload = new { query = "{ me: viewer { user { id } } }" },
            }
        );
        var stillServed = await renewed.ReceiveTypeAsync("next");

        Assert.NotNull(answer);
        Assert.Equal(4403, staleClose);
        Assert.Equal(user.UserId, stillServed!["payload"]!["data"]!["me"]!["user"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Renewing_the_token_in_a_loop_closes_the_socket_4429()
    {
        var client = _app.CreateGraphQLClient();
        var user = await client.SignUpAsync("ws-renewals");
        await using var socket = await SignedInSocketAsync(user.AccessToken);

        await socket.SendAsync(
            new { type = "authenticate", payload = new { Authorization = "Bearer " + user.AccessToken } }
        );
        var first = await socket.ReceiveTypeAsync("authenticated");
        await socket.SendAsync(
            new { type = "authenticate", payload = new { Authorization = "Bearer " + user.AccessToken } }
        );

        Assert.NotNull(first);
        Assert.Equal(4429, await socket.ClosedWithAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_token_of_another_user_cannot_take_over_a_socket()
    {
        var client = _app.CreateGraphQLClient();
        var owner = await client.SignUpAsync("ws-owner");
        var intruder = await client.SignUpAsync("ws-intruder");
        await using var socket = await SignedInSocketAsync(owner.AccessToken);

        await socket.SendAsync(
            new { type = "authenticate", payload = new { Authorization = "Bearer " + intruder.AccessToken } }
        );

        Assert.Equal(4403, await socket.ClosedWithAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Repeated_legacy_initialisation_counts_the_connection_once()
    {
        var client = _app.CreateGraphQLClient();
        var user = await client.SignUpAsync("ws-legacy");
        await using var legacy = await RawSocket.ConnectAsync(_app, "graphql-ws");
        for (var i = 0; i < 5; i++)
        {
            await legacy.SendAsync(
                new { type = "connection_init", payload = new { Authorization = "Bearer " + user.AccessToken } }
            );
        }

        await legacy.ReceiveTypeAsync("connection_ack");
        await using var second = await SignedInSocketAsync(user.AccessToken);

        Assert.Null(second.CloseStatus);
    }

    [Fact]
    public async Task Sockets_from_one_address_are_capped_before_the_upgrade()
    {
        await using var app = StreamEngineApp.With(
            new Dictionary<string, string?> { ["StreamEngine:GraphQL:WebSockets:MaxConnectionsPerAddress"] = "3" }
        );
        var open = new List<RawSocket>();
        for (var i = 0; i < 3; i++)
        {
            open.Add(await RawSocket.ConnectAsync(app, Protocol));
        }

        var refused = await Record.ExceptionAsync(() => RawSocket.ConnectAsync(app, Protocol));
        await open[0].DisposeAsync();
        await Task.Delay(200);
        await using var afterOneLeft = await RawSocket.ConnectAsync(app, Protocol);
        foreach (var socket in open.Skip(1))
        {
            await socket.DisposeAsync();
        }

        Assert.NotNull(refused);
        Assert.Contains("429", refused.Message, StringComparison.Ordinal);
        var metrics = await (
            await app.CreateClient().GetAsync(new Uri("/metrics", UriKind.Relative))
        ).Content.ReadAsStringAsync();
        Assert.Contains("cap=\"per_address\"", metrics, StringComparison.Ordinal);
    }

    private async Task<RawSocket> SignedInSocketAsync(string accessToken)
    {
        var socket = await RawSocket.ConnectAsync(_app, Protocol);
        await socket.SendAsync(
            new { type = "connection_init", payload = new { Authorization = "Bearer " + accessToken } }
        );
        Assert.Equal("connection_ack", (await socket.ReceiveAsync())!["type"]!.GetValue<string>());
        return socket;
    }
}
