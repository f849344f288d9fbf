using System.Collections.Concurrent;
using System.Net.WebSockets;
using GraphQL;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Web.GraphQL.Transport.WebSockets;
using StreamEngine.Web.Hosting.Authentication;

namespace StreamEngine.Web.GraphQL.Transport;

/// <summary>Accepts WebSocket upgrades at the GraphQL path and runs the negotiated protocol: graphql-transport-ws
/// (the graphql-ws project's protocol), or the legacy graphql-ws (subscriptions-transport-ws). Bounds connections per
/// client address, per user and in all, and closes the connections of sessions that end.</summary>
public sealed class GraphQLWebSocketEndpoint(
    GraphQLRequestExecutor executor,
    IGraphQLTextSerializer serializer,
    IServiceScopeFactory scopes,
    IOptions<GraphQLWebSocketOptions> options,
    ISessionEvents sessionEvents,
    IClock clock,
    Telemetry.SecurityMetrics metrics,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers
) : IAsyncDisposable
{
    public const string TransportWs = TransportWsProtocol.Name;
    public const string LegacyWs = LegacyWsProtocol.Name;

    private readonly ConcurrentDictionary<Guid, int> _connectionsPerUser = new();
    private readonly ConcurrentDictionary<string, int> _connectionsPerAddress = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<GraphQLWebSocketConnection, Guid> _signedIn = new();
    private readonly ConcurrentDictionary<GraphQLWebSocketConnection, bool> _open = new();
    private CancellationTokenRegistration? _stopping;
    private readonly SemaphoreSlim _listening = new(1, 1);
    private IAsyncDisposable? _sessionSubscription;
    private SocketServices? _services;
    private readonly ILogger _logger = loggers.CreateLogger<GraphQLWebSocketEndpoint>();
    private int _connections;

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

        // Refused before the upgrade: an HTTP status costs nothing to hold, an open socket does.
        if (Interlocked.Increment(ref _connections) > options.Value.MaxConnections)
        {
            Interlocked.Decrement(ref _connections);
            metrics.SocketRefused("total");
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        try
        {
            if (!Admit(address))
            {
                metrics.SocketRefused("per_address");
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return;
            }

            metrics.SocketOpened();
            try
            {
                await RunAsync(context, address);
            }
            finally
            {
                metrics.SocketClosed();
                Release(address);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _connections);
        }
    }

    private async Task RunAsync(HttpContext context, string address)
    {
        // A token in the upgrade's Authorization header (clients that can set headers) is checked by the same scheme as
        // HTTP requests, before the upgrade; a refused one is answered 401 like over HTTP.
        var authentication = await context.AuthenticateAsync(BearerTokenHandler.SchemeName);
        if (BearerTokenHandler.RefusalOf(authentication) is { } refusal)
        {
            BearerTokenHandler.Challenge(context.Response, refusal);
            return;
        }

        var upgradeToken = authentication.Succeeded ? BearerTokenHandler.TokenOf(authentication) : null;
        var requested = context.WebSockets.WebSocketRequestedProtocols;
        var protocol =
            requested.Contains(TransportWs) ? TransportWs
            : requested.Contains(LegacyWs) ? LegacyWs
            : null;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(protocol);
        if (protocol is null)
        {
            await socket.CloseAsync((WebSocketCloseStatus)4406, "Subprotocol not acceptable", context.RequestAborted);
            return;
        }

        _services ??= new SocketServices(
            executor,
            serializer,
            scopes,
            options.Value,
            this,
            clock,
            metrics,
            loggers.CreateLogger<GraphQLWebSocketConnection>()
        );
        using var connection = new GraphQLWebSocketConnection(
            socket,
            protocol == LegacyWs ? LegacyWsProtocol.Instance : TransportWsProtocol.Instance,
            _services,
            address,
            context.Request.Headers.UserAgent.ToString(),
            upgradeToken
        );

        // On shutdown every socket is closed with 1001 (going away), so clients reconnect to another instance at once
        // instead of holding this one's shutdown until its timeout.
        _stopping ??= lifetime.ApplicationStopping.Register(CloseAllForShutdown);
        _open[connection] = true;
        try
        {
            await connection.RunAsync(context.RequestAborted);
        }
        finally
        {
            _open.TryRemove(connection, out _);
        }
    }

    private bool Admit(string address)
    {
        var count = _connectionsPerAddress.AddOrUpdate(address, 1, (_, c) => c + 1);
        if (count <= options.Value.MaxConnectionsPerAddress)
        {
            return true;
        }

        Release(address);
        return false;
    }

    private void Release(string address)
    {
        if (_connectionsPerAddress.AddOrUpdate(address, 0, (_, c) => Math.Max(0, c - 1)) == 0)
        {
            _connectionsPerAddress.TryRemove(new KeyValuePair<string, int>(address, 0));
        }
    }

    /// <summary>Counts a signed-in connection once (false past the per-user cap) and starts watching its
    /// session.</summary>
    internal async Task<bool> TryOpenForAsync(GraphQLWebSocketConnection connection, Guid userId)
    {
        var count = _connectionsPerUser.AddOrUpdate(userId, 1, (_, c) => c + 1);
        if (count > options.Value.MaxConnectionsPerUser)
        {
            metrics.SocketRefused("per_user");
            DecrementUser(userId);
            return false;
        }

        _signedIn[connection] = userId;
        await EnsureListeningAsync();
        return true;
    }

    internal void CloseFor(GraphQLWebSocketConnection connection)
    {
        if (_signedIn.TryRemove(connection, out var userId))
        {
            DecrementUser(userId);
        }
    }

    private void DecrementUser(Guid userId)
    {
        if (_connectionsPerUser.AddOrUpdate(userId, 0, (_, c) => Math.Max(0, c - 1)) == 0)
        {
            _connectionsPerUser.TryRemove(new KeyValuePair<Guid, int>(userId, 0));
        }
    }

    private async Task EnsureListeningAsync()
    {
        if (_sessionSubscription is not null)
        {
            return;
        }

        await _listening.WaitAsync();
        try
        {
            _sessionSubscription ??= await SubscribeAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The bus may be down (Redis): sockets still re-check their sessions periodically; the next signed-in
            // connection tries to listen again.
            _logger.LogWarning(ex, "Could not listen for ended sessions; relying on periodic session checks for now");
        }
        finally
        {
            _listening.Release();
        }
    }

    private async Task<IAsyncDisposable> SubscribeAsync() =>
        await sessionEvents.SubscribeAsync(ended =>
        {
            foreach (var (connection, userId) in _signedIn)
            {
                if (userId == ended.UserId)
                {
                    connection.OnSessionsEnded(ended);
                }
            }

            return ValueTask.CompletedTask;
        });

    private void CloseAllForShutdown()
    {
        foreach (var connection in _open.Keys)
        {
            _ = connection.CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "Server shutting down");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping?.Dispose();
        if (_sessionSubscription is not null)
        {
            await _sessionSubscription.DisposeAsync();
        }

        _listening.Dispose();
    }
}
