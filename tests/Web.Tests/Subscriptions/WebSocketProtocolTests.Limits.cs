using StreamEngine.Web.Tests.Accounts;

namespace StreamEngine.Web.Tests.Subscriptions;

public sealed partial class WebSocketProtocolTests
{
    [Fact]
    public async Task Subscriptions_per_connection_are_capped_with_a_coded_error()
    {
        var client = _app.CreateGraphQLClient();
        var user = await client.SignUpAsync("capped");
        await using var socket = await RawSocket.ConnectAsync(_app, Protocol);
        await socket.SendAsync(
            new { type = "connection_init", payload = new { Authorization = "Bearer " + user.AccessToken } }
        );
        await socket.ReceiveAsync();

        for (var i = 0; i < 4; i++)
        {
            await socket.SendAsync(
                new
                {
                    id = "s" + i,
                    type = "subscribe",
                    payload = new { query = "subscription { viewerVideoEvents { id } }" },
                }
            );
        }

        var error = await socket.ReceiveTypeAsync("error");
        Assert.Equal("s3", error!["id"]!.GetValue<string>());
        Assert.Equal("TOO_MANY_SUBSCRIPTIONS", error["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Connections_per_user_are_capped_and_a_closed_one_frees_its_place()
    {
        var user = await _app.CreateGraphQLClient().SignUpAsync("many");
        var init = new { type = "connection_init", payload = new { Authorization = "Bearer " + user.AccessToken } };
        await using var first = await RawSocket.ConnectAsync(_app, Protocol);
        await first.SendAsync(init);
        await using var second = await RawSocket.ConnectAsync(_app, Protocol);
        await second.SendAsync(init);
        await first.ReceiveAsync();
        await second.ReceiveAsync();

        await using var third = await RawSocket.ConnectAsync(_app, Protocol);
        await third.SendAsync(init);
        var refused = await third.ClosedWithAsync();
        await first.DisposeAsync();
        await Task.Delay(300);
        await using var fourth = await RawSocket.ConnectAsync(_app, Protocol);
        await fourth.SendAsync(init);
        var accepted = await fourth.ReceiveAsync();

        Assert.Equal(1008, refused);
        Assert.Equal("connection_ack", accepted!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Validation_errors_end_the_operation_with_an_error_message_and_the_connection_stays_open()
    {
        await using var socket = await RawSocket.ConnectAsync(_app, Protocol);
        await socket.SendAsync(new { type = "connection_init" });
        await socket.ReceiveAsync();

        await socket.SendAsync(
            new
            {
                id = "bad",
                type = "subscribe",
                payload = new { query = "subscription { nope }" },
            }
        );
        var error = await socket.ReceiveAsync();
        await socket.SendAsync(
            new
            {
                id = "anon",
                type = "subscribe",
                payload = new { query = "subscription { viewerVideoEvents { id } }" },
            }
        );
        var anonymous = await socket.ReceiveAsync();
        await socket.SendAsync(
            new
            {
                id = "ok",
                type = "subscribe",
                payload = new { query = "{ __typename }" },
            }
        );
        var next = await socket.ReceiveAsync();

        Assert.Equal("error", error!["type"]!.GetValue<string>());
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", error["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("NOT_AUTHENTICATED", anonymous!["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("next", next!["type"]!.GetValue<string>());
    }
}
