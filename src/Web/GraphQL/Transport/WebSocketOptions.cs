namespace StreamEngine.Web.GraphQL.Transport;

/// <summary>The <c>StreamEngine:GraphQL:WebSockets</c> section.</summary>
public sealed class GraphQLWebSocketOptions
{
    public const string Section = "StreamEngine:GraphQL:WebSockets";

    /// <summary>Time a client has to send <c>connection_init</c> (else close 4408).</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Interval of the server's keep-alive (graphql-transport-ws ping, legacy ka).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Largest message a client may send.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>Open connections one signed-in user may hold on this instance.</summary>
    public int MaxConnectionsPerUser { get; set; } = 20;

    /// <summary>Active subscriptions per connection.</summary>
    public int MaxSubscriptionsPerConnection { get; set; } = 100;

    /// <summary>Messages a client may send per second before the socket is closed with 1008.</summary>
    public int MaxMessagesPerSecond { get; set; } = 50;

    /// <summary>Open connections from one client address (signed in or not) on this instance; past it the upgrade is
    /// refused with 429.</summary>
    public int MaxConnectionsPerAddress { get; set; } = 100;

    /// <summary>Open connections on this instance; past it the upgrade is refused with 503.</summary>
    public int MaxConnections { get; set; } = 20_000;

    /// <summary>How often a signed-in connection checks its token's expiry (in memory).</summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a signed-in connection re-reads its session from the database: a safety net only, since
    /// ended sessions are announced at once over the event bus and every new operation re-reads it anyway; long enough
    /// that 10,000 idle sockets cost a few queries a second.</summary>
    public TimeSpan SessionRevalidationInterval { get; set; } = TimeSpan.FromMinutes(5);
}
