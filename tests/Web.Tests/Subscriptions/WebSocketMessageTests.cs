using System.Text;
using System.Text.Json;
using GraphQL.SystemTextJson;
using StreamEngine.Web.GraphQL.Transport.WebSockets;

namespace StreamEngine.Web.Tests.Subscriptions;

/// <summary>The WebSocket message parser, without a server.</summary>
public sealed class WebSocketMessageTests
{
    [Theory]
    [InlineData("not json", null, null)]
    [InlineData("[1,2]", null, null)]
    [InlineData("{\"type\":3}", null, null)]
    [InlineData("{\"type\":\"ping\"}", "ping", null)]
    [InlineData("{\"type\":\"subscribe\",\"id\":\"a\"}", "subscribe", "a")]
    [InlineData("{\"type\":\"subscribe\",\"id\":1}", "<invalid id>", null)]
    public void Messages_are_read_as_type_and_id_and_anything_else_has_no_type(string text, string? type, string? id)
    {
        var message = WebSocketMessage.Parse(Encoding.UTF8.GetBytes(text));

        Assert.Equal(type, message.Type);
        Assert.Equal(id, message.Id);
    }

    [Fact]
    public void A_subscribe_payload_becomes_a_request_and_a_malformed_one_none()
    {
        var serializer = new GraphQLSerializer();
        var good = WebSocketMessage.Parse(
            Encoding.UTF8.GetBytes(
                "{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":\"{ a "
                    + "}\",\"operationName\":\"Q\",\"variables\":{\"x\":1}}}"
            )
        );
        var bad = WebSocketMessage.Parse(
            Encoding.UTF8.GetBytes("{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":5}}")
        );

        var request = good.ReadRequest(serializer)!;

        Assert.Equal("{ a }", request.Query);
        Assert.Equal("Q", request.OperationName);
        Assert.Equal(1, Convert.ToInt32(request.Variables!["x"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(bad.ReadRequest(serializer));
    }

    [Fact]
    public void Server_messages_escape_the_id()
    {
        var text = WebSocketMessage.Format("a\"b", "next", "{\"data\":null}");

        using var document = JsonDocument.Parse(text);
        Assert.Equal("a\"b", document.RootElement.GetProperty("id").GetString());
        Assert.Equal("next", document.RootElement.GetProperty("type").GetString());
    }
}
