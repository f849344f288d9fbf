using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;

namespace StreamEngine.Web.Tests.Subscriptions;

/// <summary>graphql-transport-ws, exactly: each violation gets its close code.</summary>
public sealed partial class WebSocketProtocolTests : IClassFixture<WebSocketProtocolTests.App>
{
    private const string Protocol = "graphql-transport-ws";
    private readonly App _app;

    public WebSocketProtocolTests(App app) => _app = app;

    public sealed class App()
        : StreamEngineApp(
            new Dictionary<string, string?>
            {
                ["StreamEngine:GraphQL:WebSockets:ConnectionInitTimeout"] = "00:00:01",
                ["StreamEngine:GraphQL:WebSockets:MaxMessagesPerSecond"] = "20",
                ["StreamEngine:GraphQL:WebSockets:MaxSubscriptionsPerConnection"] = "3",
                ["StreamEngine:GraphQL:WebSockets:MaxConnectionsPerUser"] = "2",
            }
        );

    [Fact]
    public async Task The_handshake_acknowledges_and_a_query_over_the_socket_gets_next_then_complete()
    {
        await using var socket = await RawSocket.ConnectAsync(_app, Protocol);
        await socket.SendAsync(new { type = "connection_init" });
        var ack = await socket.ReceiveAsync();
        await socket.SendAsync(
            new
            {
                id = "q1",
                type = "subscribe",
                payload = new { query = "{ __typename serverInfo { name } }" },
            }
        );
        var next = await socket.ReceiveAsync();
        var complete = await socket.ReceiveAsync();
        await socket.SendAsync(new { type = "ping", payload = new { n = 1 } });
        var pong = await socket.ReceiveAsync();

        Assert.Equal(Protocol, socket.SubProtocol);
        Assert.Equal("connection_ack", ack!["type"]!.GetValue<string>());
        Assert.Equal("next", next!["type"]!.GetValue<string>());
        Assert.Equal("q1", next["id"]!.GetValue<string>());
        Assert.Equal("Query", next["payload"]!["data"]!["__typename"]!.GetValue<string>());
        Assert.Equal("complete", complete!["type"]!.GetValue<string>());
        Assert.Equal("pong", pong!["type"]!.GetValue<string>());
        Assert.Equal(1, pong["payload"]!["n"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_token_in_the_upgrades_authorization_header_signs_the_connection_in_and_a_refused_one_gets_401()
    {
        var user = await _app.CreateGraphQLClient().SignUpAsync("headerws");
        await using var socket = await RawSocket.ConnectWithAuthorizationAsync(
            _app,
            "Bearer " + user.AccessToken,
            Protocol
        );
        await socket.SendAsync(new { type = "connection_init" });
        await socket.ReceiveAsync();
        await socket.SendAsync(
            new
            {
                id = "me",
                type = "subscribe",
                payload = new { query = "{ me: viewer { user { id } } }" },
            }
        );
        var next = await socket.ReceiveAsync();

        var refused = await Assert.ThrowsAnyAsync<Exception>(() =>
            RawSocket.ConnectWithAuthorizationAsync(_app, "Bearer forged.token.here", Protocol)
        );

        Assert.Equal(user.UserId, next!["payload"]!["data"]!["me"]!["user"]!["id"]!.GetValue<string>());
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_connection_init_in_time_closes_4408()
    {
        await using var socket = await RawSocket.ConnectAsync(_app, Protocol);

        Assert.Equal(4408, await socket.ClosedWithAsync());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"type\":\"unknown\"}")]
    [InlineData("{\"id\":1,\"type\":\"subscribe\"}")]
    [InlineData("[1,2,3]")]
    public async Task An_invalid_message_closes_4400(string message)
    {
        await using var socket = await RawSocket.ConnectAsync(_app, Protocol);
        await socket.SendAsync(new { type = "connection_init" });
        await socket.ReceiveAsync();

        await socket.SendAsync(message);

        Assert.Equal(4400, await socket.ClosedWithAsync());
    }

    [Fact]
    public async Task Subscribing_before_the_acknowledgement_closes_4401()
    {
        await using var socket = await RawSocket.ConnectAsync(_app, Protocol);

        await socket.SendAsync(
            new
            {
                id = "1",
                type = "subscribe",
                payload = new { query = "{ __typename }" },
            }
        );

        Assert.Equal(4401, await socket.ClosedWithAsync());
    }

    [Theory]
    [InlineData("Bearer not-a-token")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")]
    public async Task A_connection_init_with_a_bad_token_closes_4403(string token)
    {
        await using var socket = await RawSocket.ConnectAsync(_app, Protocol);

        await socket.SendAsync(new { type = "connection_init", payload = new { Authorization = token } });

        Assert.Equal(4403, await socket.ClosedWithAsync());
    }

    [Fact]
    public async Task A_second_connection_init_closes_4429()
    {
        await using var socket = await RawSocket.ConnectAsync(_app, Protocol);
        await socket.SendAsync(new { type = "connection_init" });
        await socket.ReceiveAsync();

        await socket.SendAsync(new { type = "connection_init" });

        Assert.Equal(4429, await socket.ClosedWithAsync());
    }

    [Fact]
    public async Task A_duplicate_operation_id_closes_4409()
    {
        var client = _app.CreateGraphQLClient();
        var user = await client.SignUpAsync("dup");
        client.AccessToken = user.AccessToken;
        await using var socket = await RawSocket.ConnectAsync(_app, Protocol);
        await socket.SendAsync(
            new { type = "connection_init", payload = new { Authorization = "Bearer " + user.AccessToken } }
        );
        await socket.ReceiveAsync();

        await socket.SendAsync(
            new
            {
                id = "same",
                type = "subscribe",
                payload = new { query = "subscription { viewerVideoEvents { id } }" },
            }
        );
        await socket.SendAsync(
            new
            {
                id = "same",
                type = "subscribe",
                payload = new { query = "subscription { viewerVideoEvents { id } }" },
            }
        );

        Assert.Equal(4409, await socket.ClosedWithAsync());
    }

    [Fact]
    public async Task A_client_without_an_accepted_subprotocol_is_closed_4406()
    {
        await using var socket = await RawSocket.ConnectAsync(_app, "chat");

        Assert.Equal(4406, await socket.ClosedWithAsync());
    }

    [Fact]
    public async Task A_flood_of_messages_closes_1008_with_a_reason()
    {
        await using var socket = await RawSocket.ConnectAsync(_app, Protocol);
        await socket.SendAsync(new { type = "connection_init" });
        await socket.ReceiveAsync();

        // Far past 20 a second even on a slow machine; the server closes the socket part way through, and a send
        // after that fails (the in-process socket says so with an IOException, a network one a WebSocketException).
        try
        {
            for (var i = 0; i < 400; i++)
            {
                await socket.SendAsync(new { type = "ping" });
            }
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or IOException) { }

        Assert.Equal(1008, await socket.ClosedWithAsync());
        Assert.Contains("Too many messages", socket.CloseDescription, StringComparison.Ordinal);
    }
}
