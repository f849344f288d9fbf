using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using GraphQL;
using GraphQL.Transport;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Users;

namespace StreamEngine.Web.GraphQL.Transport;

/// <summary>One WebSocket connection speaking graphql-transport-ws or the legacy graphql-ws protocol. Messages are
/// received on one loop; each operation runs on its own, with a bounded outgoing buffer, so a slow consumer loses
/// its own subscription instead of holding up anyone else. A signed-in connection lives only as long as its session
/// and its access token: it closes with 4403 when the session ends (announced on the bus, and re-read every
/// <see cref="GraphQLWebSocketOptions.SessionCheckInterval"/> and before every operation) or the token expires,
/// unless the client sends a fresh token in an <c>authenticate</c> message first.</summary>
internal sealed class GraphQLWebSocketConnection(
    WebSocket socket,
    bool legacy,
    GraphQLRequestExecutor executor,
    IGraphQLTextSerializer serializer,
    IServiceScopeFactory scopes,
    GraphQLWebSocketOptions options,
    GraphQLWebSocketEndpoint endpoint,
    IClock clock,
    string clientAddress,
    string device,
    ILogger<GraphQLWebSocketConnection> logger) : IDisposable
{
    private const int OutgoingBuffer = 64;
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly ConcurrentDictionary<string, Operation> _operations = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _closing = new();
    private volatile bool _initReceived;
    private volatile bool _acknowledged;
    private TokenPrincipal? _principal;
    private DateTimeOffset _expiresAt = DateTimeOffset.MaxValue;
    private long _windowStart;
    private int _messagesInWindow;

    public async Task RunAsync(CancellationToken requestAborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, _closing.Token);
        var ct = linked.Token;
        var background = Task.WhenAll(InitTimeoutAsync(ct), KeepAliveAsync(ct), WatchSessionAsync(ct));
        try
        {
            await ReceiveLoopAsync(ct);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
        {
            // The peer went away: nothing to answer.
        }
        finally
        {
            await _closing.CancelAsync();
            foreach (var operation in _operations.Values)
            {
                await operation.DisposeAsync();
            }

            _operations.Clear();
            endpoint.CloseFor(this);

            await background.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public void Dispose()
    {
        _closing.Dispose();
        _send.Dispose();
    }

    private bool Legacy => legacy;

    private IGraphQLTextSerializer Serializer => serializer;

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            while (socket.State == WebSocketState.Open && !ct.IsCancellationRequested)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult received;
                do
                {
                    received = await socket.ReceiveAsync(buffer, ct);
                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        await CloseAsync(WebSocketCloseStatus.NormalClosure, "Normal closure");
                        return;
                    }

                    message.Write(buffer, 0, received.Count);
                    if (message.Length > options.MaxMessageBytes)
                    {
                        await CloseAsync(WebSocketCloseStatus.MessageTooBig, $"Messages are limited to {options.MaxMessageBytes} bytes");
                        return;
                    }
                }
                while (!received.EndOfMessage);

                if (received.MessageType != WebSocketMessageType.Text)
                {
                    await CloseAsync((WebSocketCloseStatus)4400, "Only text messages are accepted");
                    return;
                }

                if (Flooding())
                {
                    await CloseAsync(WebSocketCloseStatus.PolicyViolation, $"Too many messages: at most {options.MaxMessagesPerSecond} per second");
                    return;
                }

                await HandleAsync(message.ToArray());
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private bool Flooding()
    {
        var second = Environment.TickCount64 / 1000;
        if (second != _windowStart)
        {
            _windowStart = second;
            _messagesInWindow = 0;
        }

        return ++_messagesInWindow > options.MaxMessagesPerSecond;
    }

    private async Task HandleAsync(byte[] text)
    {
        string? type = null;
        string? id = null;
        JsonElement payload = default;
        JsonDocument? document = null;
        try
        {
            document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String)
            {
                type = t.GetString();
                if (root.TryGetProperty("id", out var i))
                {
                    id = i.ValueKind == JsonValueKind.String ? i.GetString() : null;
                    if (i.ValueKind != JsonValueKind.String)
                    {
                        type = "<invalid id>";
                    }
                }

                payload = root.TryGetProperty("payload", out var p) ? p.Clone() : default;
            }
        }
        catch (JsonException)
        {
        }
        finally
        {
            document?.Dispose();
        }

        if (legacy)
        {
            await HandleLegacyAsync(type, id, payload);
        }
        else
        {
            await HandleTransportWsAsync(type, id, payload);
        }
    }

    private async Task HandleTransportWsAsync(string? type, string? id, JsonElement payload)
    {
        switch (type)
        {
            case "connection_init":
                if (_initReceived)
                {
                    await CloseAsync((WebSocketCloseStatus)4429, "Too many initialisation requests");
                    return;
                }

                _initReceived = true;
                if (payload.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object))
                {
                    await CloseAsync((WebSocketCloseStatus)4400, "Invalid message received");
                    return;
                }

                if (await AuthenticateAsync(payload) is { } refusal)
                {
                    await CloseAsync(refusal.Code, refusal.Reason);
                    return;
                }

                _acknowledged = true;
                await SendAsync("{\"type\":\"connection_ack\"}");
                return;
            case "ping":
                await SendAsync(payload.ValueKind == JsonValueKind.Object ? $"{{\"type\":\"pong\",\"payload\":{payload.GetRawText()}}}" : "{\"type\":\"pong\"}");
                return;
            case "pong":
                return;
            case "authenticate":
                await RenewAsync(payload);
                return;
            case "subscribe":
                if (!_acknowledged)
                {
                    await CloseAsync((WebSocketCloseStatus)4401, "Unauthorized");
                    return;
                }

                if (!await SessionStillValidAsync())
                {
                    return;
                }

                if (string.IsNullOrEmpty(id) || !TryReadRequest(payload, out var request))
                {
                    await CloseAsync((WebSocketCloseStatus)4400, "Invalid message received");
                    return;
                }

                await StartOperationAsync(id, request);
                return;
            case "complete":
                if (string.IsNullOrEmpty(id))
                {
                    await CloseAsync((WebSocketCloseStatus)4400, "Invalid message received");
                    return;
                }

                if (_operations.TryRemove(id, out var stopped))
                {
                    await stopped.DisposeAsync();
                }

                return;
            default:
                await CloseAsync((WebSocketCloseStatus)4400, "Invalid message received");
                return;
        }
    }

    private async Task HandleLegacyAsync(string? type, string? id, JsonElement payload)
    {
        switch (type)
        {
            case "connection_init":
                if (_initReceived)
                {
                    // Counted once per connection: a repeated init neither re-authenticates nor counts again.
                    await SendAsync(Message(null, "connection_error", JsonSerializer.Serialize(new { message = "The connection is already initialised; send authenticate to renew the token." })));
                    return;
                }

                _initReceived = true;
                if (await AuthenticateAsync(payload) is { } refusal)
                {
                    await SendAsync(Message(null, "connection_error", JsonSerializer.Serialize(new { message = refusal.Reason })));
                    await CloseAsync(WebSocketCloseStatus.PolicyViolation, refusal.Reason);
                    return;
                }

                _acknowledged = true;
                await SendAsync("{\"type\":\"connection_ack\"}");
                await SendAsync("{\"type\":\"ka\"}");
                return;
            case "authenticate":
                await RenewAsync(payload);
                return;
            case "start":
                if (!_acknowledged || string.IsNullOrEmpty(id) || !TryReadRequest(payload, out var request))
                {
                    await SendAsync(Message(id, "error", JsonSerializer.Serialize(new { message = _acknowledged ? "Invalid start message." : "Send connection_init first." })));
                    return;
                }

                if (_operations.ContainsKey(id))
                {
                    await SendAsync(Message(id, "error", JsonSerializer.Serialize(new { message = $"An operation with id {id} is already running." })));
                    return;
                }

                if (!await SessionStillValidAsync())
                {
                    return;
                }

                await StartOperationAsync(id, request);
                return;
            case "stop":
                if (id is not null && _operations.TryRemove(id, out var stopped))
                {
                    await stopped.DisposeAsync();
                    await SendAsync(Message(id, "complete", null));
                }

                return;
            case "connection_terminate":
                await CloseAsync(WebSocketCloseStatus.NormalClosure, "Terminated");
                return;
            default:
                await SendAsync(Message(id, "error", JsonSerializer.Serialize(new { message = $"Unknown message type '{type}'." })));
                return;
        }
    }

    /// <summary>Reads the bearer token from connection_init's payload (Authorization, authorization, token or
    /// accessToken), as HTTP clients send it in the Authorization header.</summary>
    private async Task<(WebSocketCloseStatus Code, string Reason)?> AuthenticateAsync(JsonElement payload)
    {
        var token = TokenIn(payload);
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AuthenticateAccessToken>().AuthenticateAsync(token, _closing.Token);
        if (!result.Succeeded)
        {
            return ((WebSocketCloseStatus)4403, "Forbidden: " + result.Errors[0].Code);
        }

        if (!await endpoint.TryOpenForAsync(this, result.Value.Principal.UserId))
        {
            return (WebSocketCloseStatus.PolicyViolation, $"Too many connections for this user (at most {options.MaxConnectionsPerUser})");
        }

        _principal = result.Value.Principal;
        _expiresAt = result.Value.ExpiresAt;
        return null;
    }

    /// <summary>The <c>authenticate</c> message (our extension of both protocols): a fresh access token of the same
    /// user replaces the connection's before the old one expires. Answered with <c>{"type":"authenticated"}</c>; a
    /// token that fails, or names another user, closes the connection with 4403.</summary>
    private async Task RenewAsync(JsonElement payload)
    {
        if (!_acknowledged || _principal is null)
        {
            await CloseAsync((WebSocketCloseStatus)4401, "Unauthorized: authenticate renews the token of a signed-in connection");
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AuthenticateAccessToken>().AuthenticateAsync(TokenIn(payload), _closing.Token);
        if (!result.Succeeded || result.Value.Principal.UserId != _principal.UserId)
        {
            await CloseAsync((WebSocketCloseStatus)4403, "Forbidden: " + (result.Succeeded ? "ANOTHER_USER" : result.Errors[0].Code));
            return;
        }

        _principal = result.Value.Principal;
        _expiresAt = result.Value.ExpiresAt;
        await SendAsync("{\"type\":\"authenticated\"}");
    }

    /// <summary>Before an operation: the token has not expired and the session is still active; else the connection
    /// closes with 4403 and false is returned.</summary>
    private async Task<bool> SessionStillValidAsync()
    {
        if (_principal is not { } principal)
        {
            return true;
        }

        if (clock.UtcNow >= _expiresAt)
        {
            await CloseAsync((WebSocketCloseStatus)4403, "Forbidden: TOKEN_EXPIRED");
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        if (!await scope.ServiceProvider.GetRequiredService<AuthenticateAccessToken>().IsSessionActiveAsync(principal, _closing.Token))
        {
            await CloseAsync((WebSocketCloseStatus)4403, "Forbidden: SESSION_ENDED");
            return false;
        }

        return true;
    }

    /// <summary>Called by the endpoint when sessions of this connection's user end.</summary>
    internal void OnSessionsEnded(SessionsEnded ended)
    {
        if (_principal is { } principal && ended.Covers(principal.UserId, principal.SessionId))
        {
            _ = CloseAsync((WebSocketCloseStatus)4403, "Forbidden: SESSION_ENDED");
        }
    }

    private async Task WatchSessionAsync(CancellationToken ct)
    {
        try
        {
            using var timer = new PeriodicTimer(options.SessionCheckInterval);
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (_principal is not null && !await SessionStillValidAsync())
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The bearer token in an init or authenticate payload: Authorization, authorization, token,
    /// accessToken, or headers.Authorization.</summary>
    private static string? TokenIn(JsonElement payload)
    {
        string? token = null;
        if (payload.ValueKind == JsonValueKind.Object)
        {
            foreach (var name in new[] { "Authorization", "authorization", "token", "accessToken" })
            {
                if (payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    token = value.GetString();
                    break;
                }
            }

            if (token is null && payload.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object
                && headers.TryGetProperty("Authorization", out var header) && header.ValueKind == JsonValueKind.String)
            {
                token = header.GetString();
            }
        }

        return token;
    }

    private bool TryReadRequest(JsonElement payload, out GraphQLRequest request)
    {
        request = null!;
        if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            request = new GraphQLRequest
            {
                Query = query.GetString(),
                OperationName = payload.TryGetProperty("operationName", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null,
                Variables = payload.TryGetProperty("variables", out var v) && v.ValueKind == JsonValueKind.Object ? serializer.ReadNode<Inputs>(v) : null,
                Extensions = payload.TryGetProperty("extensions", out var e) && e.ValueKind == JsonValueKind.Object ? serializer.ReadNode<Inputs>(e) : null,
            };
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task StartOperationAsync(string id, GraphQLRequest request)
    {
        if (_operations.Count >= options.MaxSubscriptionsPerConnection)
        {
            await SendErrorAsync(id, "TOO_MANY_SUBSCRIPTIONS", $"At most {options.MaxSubscriptionsPerConnection} operations per connection.");
            return;
        }

        var operation = new Operation(id, scopes.CreateAsyncScope(), CancellationTokenSource.CreateLinkedTokenSource(_closing.Token));
        if (!_operations.TryAdd(id, operation))
        {
            await operation.DisposeAsync();
            await CloseAsync((WebSocketCloseStatus)4409, $"Subscriber for {id} already exists");
            return;
        }

        _ = RunOperationAsync(operation, request);
    }

    private async Task RunOperationAsync(Operation operation, GraphQLRequest request)
    {
        var id = operation.Id;
        try
        {
            var services = operation.Scope.ServiceProvider;
            var user = services.GetRequiredService<CurrentUser>();
            user.ClientAddress = clientAddress;
            if (_principal is not null)
            {
                user.SignIn(_principal);
            }

            var context = new GraphQLUserContext(user) { Device = device.Length > 0 ? device : null };
            var result = await executor.ExecuteAsync(request, null, context, services, legacy ? "websocket-legacy" : "websocket", operation.Cancellation.Token);
            if (result.Streams is { Count: > 0 } streams)
            {
                operation.Outgoing = Channel.CreateBounded<string>(new BoundedChannelOptions(OutgoingBuffer) { SingleReader = true });
                operation.Pump = PumpAsync(operation);
                operation.Stream = streams.Values.First().Subscribe(new Observer(this, operation));
                return;
            }

            if (!result.Executed || (result.Data is null && result.Errors is { Count: > 0 }))
            {
                await SendAsync(ErrorMessage(id, result));
            }
            else
            {
                await SendAsync(Message(id, legacy ? "data" : "next", serializer.Serialize(result)));
                await SendAsync(Message(id, "complete", null));
            }

            await RemoveAsync(operation);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            await RemoveAsync(operation);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "WebSocket operation {Id} failed", id);
            await SendErrorAsync(id, ErrorCodes.InternalServerError, "An unexpected error occurred.");
            await RemoveAsync(operation);
        }
    }

    private async Task PumpAsync(Operation operation)
    {
        try
        {
            await foreach (var message in operation.Outgoing!.Reader.ReadAllAsync(operation.Cancellation.Token))
            {
                await SendAsync(message);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
    }

    private void Enqueue(Operation operation, string message)
    {
        if (operation.Outgoing is null || operation.Outgoing.Writer.TryWrite(message))
        {
            return;
        }

        // The client does not read fast enough: end this subscription with an error, keep the connection.
        operation.Outgoing.Writer.TryComplete();
        _ = Task.Run(async () =>
        {
            await RemoveAsync(operation);
            await SendErrorAsync(operation.Id, FeedObservable.TooSlowCode, "The subscriber could not keep up; the subscription was ended.");
        });
    }

    private async Task RemoveAsync(Operation operation)
    {
        if (_operations.TryRemove(new KeyValuePair<string, Operation>(operation.Id, operation)))
        {
            await operation.DisposeAsync();
        }
    }

    private Task SendErrorAsync(string id, string code, string message)
    {
        var result = new ExecutionResult { Executed = false };
        result.AddError(new ExecutionError(message) { Code = code });
        return SendAsync(ErrorMessage(id, result));
    }

    private string ErrorMessage(string id, ExecutionResult result)
    {
        if (legacy)
        {
            return Message(id, "error", Errors(result) is { Length: > 0 } errors ? ExtractFirst(errors) : "{}");
        }

        return Message(id, "error", Errors(result));
    }

    private string Errors(ExecutionResult result)
    {
        using var document = JsonDocument.Parse(serializer.Serialize(result));
        return document.RootElement.TryGetProperty("errors", out var errors) ? errors.GetRawText() : "[]";
    }

    private static string ExtractFirst(string errorsArray)
    {
        using var document = JsonDocument.Parse(errorsArray);
        return document.RootElement.GetArrayLength() > 0 ? document.RootElement[0].GetRawText() : "{}";
    }

    private static string Message(string? id, string type, string? payloadJson)
    {
        var builder = new StringBuilder("{");
        if (id is not null)
        {
            builder.Append("\"id\":").Append(JsonSerializer.Serialize(id)).Append(',');
        }

        builder.Append("\"type\":\"").Append(type).Append('"');
        if (payloadJson is not null)
        {
            builder.Append(",\"payload\":").Append(payloadJson);
        }

        return builder.Append('}').ToString();
    }

    private async Task SendAsync(string message)
    {
        if (socket.State != WebSocketState.Open)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        timeout.CancelAfter(SendTimeout);
        await _send.WaitAsync(timeout.Token);
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, timeout.Token);
        }
        catch (OperationCanceledException) when (!_closing.IsCancellationRequested)
        {
            // A client that accepts nothing for this long is gone.
            socket.Abort();
            await _closing.CancelAsync();
        }
        finally
        {
            _send.Release();
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                await _send.WaitAsync(TimeSpan.FromSeconds(5));
                await socket.CloseAsync(status, reason.Length > 120 ? reason[..120] : reason, CancellationToken.None);
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
            {
                // Already gone.
            }
            finally
            {
                _send.Release();
            }
        }

        await _closing.CancelAsync();
    }

    private async Task InitTimeoutAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(options.ConnectionInitTimeout, ct);
            if (!_initReceived)
            {
                await CloseAsync((WebSocketCloseStatus)4408, "Connection initialisation timeout");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task KeepAliveAsync(CancellationToken ct)
    {
        try
        {
            using var timer = new PeriodicTimer(options.KeepAliveInterval);
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (_acknowledged)
                {
                    await SendAsync(legacy ? "{\"type\":\"ka\"}" : "{\"type\":\"ping\"}");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private sealed class Operation(string id, AsyncServiceScope scope, CancellationTokenSource cancellation) : IAsyncDisposable
    {
        public string Id { get; } = id;

        public AsyncServiceScope Scope { get; } = scope;

        public CancellationTokenSource Cancellation { get; } = cancellation;

        public Channel<string>? Outgoing { get; set; }

        public Task? Pump { get; set; }

        public IDisposable? Stream { get; set; }

        public async ValueTask DisposeAsync()
        {
            Stream?.Dispose();
            Outgoing?.Writer.TryComplete();
            await Cancellation.CancelAsync();
            if (Pump is not null)
            {
                await Pump.ContinueWith(_ => { }, TaskScheduler.Default);
            }

            Cancellation.Dispose();
            await Scope.DisposeAsync();
        }
    }

    private sealed class Observer(GraphQLWebSocketConnection connection, Operation operation) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value) =>
            connection.Enqueue(operation, Message(operation.Id, connection.Legacy ? "data" : "next", connection.Serializer.Serialize(value)));

        public void OnError(Exception error)
        {
            var result = new ExecutionResult { Executed = false };
            result.AddError(error as ExecutionError ?? new ExecutionError("The subscription failed.") { Code = ErrorCodes.InternalServerError });
            connection.Enqueue(operation, connection.ErrorMessage(operation.Id, result));
            operation.Outgoing?.Writer.TryComplete();
            _ = Task.Run(async () =>
            {
                if (operation.Pump is not null)
                {
                    await operation.Pump;
                }

                await connection.RemoveAsync(operation);
            });
        }

        public void OnCompleted()
        {
            connection.Enqueue(operation, Message(operation.Id, "complete", null));
            operation.Outgoing?.Writer.TryComplete();
            _ = Task.Run(async () =>
            {
                if (operation.Pump is not null)
                {
                    await operation.Pump;
                }

                await connection.RemoveAsync(operation);
            });
        }
    }
}
