using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;
using StreamEngine.Web.Tests.Subscriptions;

namespace StreamEngine.Web.Tests.RateLimiting;

/// <summary>A subscribe is one operation against the GraphQL rate limit; the events pushed to it are not charged to
/// the client, however many there are.</summary>
public sealed class SubscriptionChargeTests
{
    [Fact]
    public async Task Events_pushed_to_a_subscription_cost_the_client_nothing()
    {
        await using var app = StreamEngineApp.With(
            new Dictionary<string, string?>
            {
                ["StreamEngine:RateLimiting:Enabled"] = "true",
                ["StreamEngine:RateLimiting:GraphQL:ClientCapacity"] = "6",
                ["StreamEngine:RateLimiting:GraphQL:ClientPerSecond"] = "0.001",
            }
        );
        var client = app.CreateGraphQLClient();
        var user = await client.SignUpAsync("charged");
        client.AccessToken = user.AccessToken;

        await using var socket = await RawSocket.ConnectAsync(app, "graphql-transport-ws");
        await socket.SendAsync(
            new { type = "connection_init", payload = new { Authorization = "Bearer " + user.AccessToken } }
        );
        await socket.ReceiveTypeAsync("connection_ack");
        await socket.SendAsync(
            new
            {
                id = "1",
                type = "subscribe",
                payload = new { query = "subscription { viewerVideoEvents { status } }" },
            }
        );
        await Task.Delay(500);

        var bus = app.Services.GetRequiredService<IEventBus>();
        var owner = TestIds.Key(user.UserId);
        var received = 0;
        for (var i = 0; i < 20; i++)
        {
            await bus.PublishAsync(
                new VideoEvent(Guid.NewGuid(), owner, VideoStatus.Ready, null, 100, null, null, DateTimeOffset.UtcNow),
                default
            );
            if ((await socket.ReceiveTypeAsync("next"))?["payload"]?["data"]?["viewerVideoEvents"] is not null)
            {
                received++;
            }
        }

        var afterwards = await client.SendAsync("{ __typename }");

        Assert.Equal(20, received);
        Assert.Equal(HttpStatusCode.OK, afterwards.Status);
    }
}
