using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;

namespace StreamEngine.Web.Tests.Subscriptions;

/// <summary>A server that stops tells its WebSocket clients to go elsewhere instead of holding them until it
/// dies.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Open_sockets_are_closed_1001_going_away_when_the_server_stops()
    {
        await using var app = new StreamEngineApp();
        var user = await app.CreateGraphQLClient().SignUpAsync("shutdown");
        await using var signedIn = await RawSocket.ConnectAsync(app, "graphql-transport-ws");
        await signedIn.SendAsync(
            new { type = "connection_init", payload = new { Authorization = "Bearer " + user.AccessToken } }
        );
        await signedIn.ReceiveTypeAsync("connection_ack");
        await signedIn.SendAsync(
            new
            {
                id = "1",
                type = "subscribe",
                payload = new { query = "subscription { viewerVideoEvents { status } }" },
            }
        );
        await using var legacy = await RawSocket.ConnectAsync(app, "graphql-ws");
        await legacy.SendAsync(new { type = "connection_init" });
        await legacy.ReceiveTypeAsync("connection_ack");

        app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        Assert.Equal(1001, await signedIn.ClosedWithAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1001, await legacy.ClosedWithAsync(TimeSpan.FromSeconds(10)));
    }
}
