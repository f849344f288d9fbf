using System.Net.WebSockets;

namespace StreamEngine.Web.GraphQL.Transport.WebSockets;

/// <summary>The clocks of a connection: the init timeout (4408), the keep-alive, and the session watch that closes a
/// signed-in connection with 4403 when its token expires or its session ends.</summary>
internal static class ConnectionTimers
{
    public static async Task InitTimeoutAsync(GraphQLWebSocketConnection connection, CancellationToken ct)
    {
        try
        {
            await Task.Delay(connection.Settings.ConnectionInitTimeout, ct);
            if (!connection.InitReceived)
            {
                await connection.CloseAsync((WebSocketCloseStatus)4408, "Connection initialisation timeout");
            }
        }
        catch (OperationCanceledException) { }
    }

    public static async Task KeepAliveAsync(
        GraphQLWebSocketConnection connection,
        string keepAlive,
        CancellationToken ct
    )
    {
        try
        {
            using var timer = new PeriodicTimer(connection.Settings.KeepAliveInterval);
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (connection.Acknowledged)
                {
                    await connection.SendAsync(keepAlive);
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    public static async Task WatchSessionAsync(GraphQLWebSocketConnection connection, CancellationToken ct)
    {
        try
        {
            using var timer = new PeriodicTimer(connection.Settings.SessionCheckInterval);
            var lastRead = Environment.TickCount64;
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (!connection.SignedIn)
                {
                    continue;
                }

                var read =
                    Environment.TickCount64 - lastRead
                    >= (long)connection.Settings.SessionRevalidationInterval.TotalMilliseconds;
                if (read)
                {
                    lastRead = Environment.TickCount64;
                }

                if (!await connection.SessionStillValidAsync(expiryOnly: !read))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) { }
    }
}
