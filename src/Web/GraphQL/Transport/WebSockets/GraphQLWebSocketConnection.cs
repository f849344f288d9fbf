using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Users;

namespace StreamEngine.Web.GraphQL.Transport.WebSockets;

/// <summary>One WebSocket connection: framing and message limits, the init timeout and keep-alive, sending and
/// closing, the running operations, and the <see cref="SocketSession"/> it acts for. What messages mean is the
/// protocol's (<see cref="TransportWsProtocol"/> or <see cref="LegacyWsProtocol"/>). A signed-in connection lives only
/// as long as its session and its access token: it closes with 4403 when the session ends (announced on the bus,
/// re-read every <see cref="GraphQLWebSocketOptions.SessionCheckInterval"/> and before every operation) or the token
/// expires, unless the client sent a fresh token in an <c>authenticate</c> message first.</summary>
internal sealed class GraphQLWebSocketConnection(
    WebSocket socket,
    IGraphQLWebSocketProtocol protocol,
    SocketServices services,
    string clientAddress,
    string device,
    AuthenticatedToken? upgradeToken
) : IDisposable
{
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private CancellationTokenSource? _sendTimeout;
    private readonly SocketSession _session = new(services.Scopes, services.Clock, upgradeToken);
    private readonly OperationRegistry _operations = new(services.Options.MaxSubscriptionsPerConnection);
    private readonly OperationRunner _runner = new(protocol, services, clientAddress, device);
    private int _initReceived;
    private volatile bool _acknowledged;

    private GraphQLWebSocketOptions Options => services.Options;

    public IGraphQLTextSerializer Serializer => services.Serializer;

    public bool Acknowledged => _acknowledged;

    public bool InitReceived => Volatile.Read(ref _initReceived) != 0;

    public bool SignedIn => _session.Principal is not null;

    public GraphQLWebSocketOptions Settings => services.Options;

    public async Task RunAsync(CancellationToken requestAborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, _closing.Token);
        var ct = linked.Token;
        var background = Task.WhenAll(
            ConnectionTimers.InitTimeoutAsync(this, ct),
            ConnectionTimers.KeepAliveAsync(this, protocol.KeepAlive, ct),
            ConnectionTimers.WatchSessionAsync(this, ct)
        );
        try
        {
            await SocketReader.RunAsync(socket, this, protocol, ct);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
        {
            // The peer went away: nothing to answer.
        }
        finally
        {
            await _closing.CancelAsync();
            await _operations.StopAllAsync();
            services.Endpoint.CloseFor(this);
            await background.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public void Dispose()
    {
        _sendTimeout?.Dispose();
        _closing.Dispose();
        _send.Dispose();
    }

    /// <summary>Marks the connection initialised; false when it already was.</summary>
    public bool BeginInit() => Interlocked.Exchange(ref _initReceived, 1) == 0;

    public void Acknowledge() => _acknowledged = true;

    /// <summary>Signs the connection in with an init payload's token; counted once against the user's
    /// connections.</summary>
    public Task<SocketRefusal?> SignInAsync(JsonElement payload) =>
        _session.SignInAsync(
            payload,
            async userId =>
                await services.Endpoint.TryOpenForAsync(this, userId)
                    ? null
                    : new SocketRefusal(
                        WebSocketCloseStatus.PolicyViolation,
                        $"Too many connections for this user (at most {Options.MaxConnectionsPerUser})"
                    ),
            _closing.Token
        );

    /// <summary>The <c>authenticate</c> message (our extension of both protocols): a fresh access token of the same
    /// user replaces the connection's, answered with <c>{"type":"authenticated"}</c>; a token that fails, or names
    /// another user, closes the connection with 4403.</summary>
    public async Task RenewAsync(JsonElement payload)
    {
        var refusal = _acknowledged
            ? await _session.RenewAsync(payload, _closing.Token)
            : new SocketRefusal((WebSocketCloseStatus)4401, "Unauthorized");
        if (refusal is not null)
        {
            await CloseAsync(refusal);
            return;
        }

        await SendAsync("{\"type\":\"authenticated\"}");
    }

    /// <summary>Before an operation: false (and the connection closing with 4403) when the token expired or the
    /// session ended.</summary>
    public async Task<bool> SessionStillValidAsync(bool expiryOnly = false)
    {
        if (await _session.CheckAsync(_closing.Token, expiryOnly) is { } refusal)
        {
            services.Metrics.SocketClosedForSession();
            await CloseAsync(refusal);
            return false;
        }

        return true;
    }

    /// <summary>Called by the endpoint when sessions of this connection's user end.</summary>
    public void OnSessionsEnded(SessionsEnded ended)
    {
        if (_session.EndedBy(ended))
        {
            services.Metrics.SocketClosedForSession();
            _ = CloseAsync(SocketRefusal.Forbidden("SESSION_ENDED"));
        }
    }

    public bool IsRunning(string id) => _operations.IsRunning(id);

    /// <summary>Ends operation <paramref name="id"/>; false when there was none.</summary>
    public Task<bool> StopAsync(string id) => _operations.StopAsync(id);

    public async Task StartOperationAsync(string id, GraphQLRequest request)
    {
        if (_operations.IsFull)
        {
            await SendErrorAsync(
                id,
                "TOO_MANY_SUBSCRIPTIONS",
                $"At most {Options.MaxSubscriptionsPerConnection} operations per connection."
            );
            return;
        }

        var operation = new WebSocketOperation(
            id,
            services.Scopes.CreateAsyncScope(),
            CancellationTokenSource.CreateLinkedTokenSource(_closing.Token)
        );
        if (!_operations.TryAdd(operation))
        {
            await operation.DisposeAsync();
            await CloseAsync((WebSocketCloseStatus)4409, $"Subscriber for {id} already exists");
            return;
        }

        _ = _runner.RunAsync(this, operation, request, _session.Principal);
    }

    public string NextMessage(string id, ExecutionResult result) =>
        protocol.Next(id, result is SharedEventResult shared ? shared.Json(Serializer) : Serializer.Serialize(result));

    public string CompleteMessage(string id) => protocol.Complete(id);

    public string ErrorMessage(string id, ExecutionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var document = JsonDocument.Parse(Serializer.Serialize(result));
        return protocol.Error(
            id,
            document.RootElement.TryGetProperty("errors", out var errors) ? errors.GetRawText() : "[]"
        );
    }

    /// <summary>Queues a subscription message; a reader too slow for the queue loses the subscription, not the
    /// connection.</summary>
    public void Enqueue(WebSocketOperation operation, string message)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.TryEnqueue(message))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            await RemoveAsync(operation);
            await SendErrorAsync(
                operation.Id,
                FeedObservable.TooSlowCode,
                "The subscriber could not keep up; the subscription was ended."
            );
        });
    }

    public Task RemoveAsync(WebSocketOperation operation) => _operations.RemoveAsync(operation);

    public async Task SendAsync(string message)
    {
        if (socket.State != WebSocketState.Open)
        {
            return;
        }

        // Sends take turns, so one timeout source serves them all: armed for each send and reset after it. The frame
        // is encoded into a pooled buffer.
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(message.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(message, buffer);
            await _send.WaitAsync(_closing.Token);
            try
            {
                var timeout = _sendTimeout ??= CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
                timeout.CancelAfter(SendTimeout);
                await socket.SendAsync(buffer.AsMemory(0, length), WebSocketMessageType.Text, true, timeout.Token);
                if (!timeout.TryReset())
                {
                    // It fired just as the send completed: the next send gets a fresh one.
                    timeout.Dispose();
                    _sendTimeout = null;
                }
            }
            finally
            {
                _send.Release();
            }
        }
        catch (OperationCanceledException) when (!_closing.IsCancellationRequested)
        {
            // A client that accepts nothing for this long is gone.
            socket.Abort();
            await _closing.CancelAsync();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public Task CloseAsync(SocketRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return CloseAsync(refusal.Code, refusal.Reason);
    }

    public async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            var acquired = false;
            try
            {
                acquired = await _send.WaitAsync(TimeSpan.FromSeconds(5));

                // Our close frame is sent, and the connection ends without waiting for the peer's: a client that never
                // answers must not hold the socket (or a shutdown) open.
                using var sending = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync(status, reason.Length > 120 ? reason[..120] : reason, sending.Token);
            }
            catch (Exception ex)
                when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
            {
                // Already gone, or not reading.
            }
            finally
            {
                if (acquired)
                {
                    _send.Release();
                }
            }
        }

        await _closing.CancelAsync();
    }

    public Task SendErrorAsync(string id, string code, string message)
    {
        var result = new ExecutionResult { Executed = false };
        result.AddError(new ExecutionError(message) { Code = code });
        return SendAsync(ErrorMessage(id, result));
    }
}
