using System.Net.WebSockets;
using System.Threading.Channels;
using GraphQL;

namespace StreamEngine.Web.GraphQL.Transport.WebSockets;

/// <summary>One running operation of a connection: its DI scope, its cancellation, and for a subscription the bounded
/// queue of outgoing messages with the pump that sends them, so a slow reader loses its own subscription instead of
/// holding up the connection.</summary>
internal sealed class WebSocketOperation(string id, AsyncServiceScope scope, CancellationTokenSource cancellation)
    : IAsyncDisposable
{
    private const int OutgoingBuffer = 64;

    public string Id { get; } = id;

    public AsyncServiceScope Scope { get; } = scope;

    public CancellationTokenSource Cancellation { get; } = cancellation;

    private Channel<string>? Outgoing { get; set; }

    private Task? Pump { get; set; }

    private IDisposable? Stream { get; set; }

    /// <summary>Starts relaying the subscription's results to the connection.</summary>
    public void Subscribe(IObservable<ExecutionResult> stream, GraphQLWebSocketConnection connection)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(connection);
        // The pump sends on the thread that queued the message (the event's publisher) instead of after a trip through
        // the thread pool; a send that cannot complete at once returns that thread at its first await.
        Outgoing = Channel.CreateBounded<string>(
            new BoundedChannelOptions(OutgoingBuffer) { SingleReader = true, AllowSynchronousContinuations = true }
        );
        Pump = PumpAsync(connection);
        Stream = stream.Subscribe(new Observer(this, connection));
    }

    /// <summary>Queues a message; false when the reader is too slow and the queue is full (the queue is then
    /// closed).</summary>
    public bool TryEnqueue(string message)
    {
        if (Outgoing is null || Outgoing.Writer.TryWrite(message))
        {
            return true;
        }

        Outgoing.Writer.TryComplete();
        return false;
    }

    /// <summary>Sends what is queued, then ends.</summary>
    public async Task DrainAsync()
    {
        Outgoing?.Writer.TryComplete();
        if (Pump is not null)
        {
            await Pump;
        }
    }

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

    private async Task PumpAsync(GraphQLWebSocketConnection connection)
    {
        try
        {
            await foreach (var message in Outgoing!.Reader.ReadAllAsync(Cancellation.Token))
            {
                await connection.SendAsync(message);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The operation or the connection ended.
        }
    }

    private sealed class Observer(WebSocketOperation operation, GraphQLWebSocketConnection connection)
        : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value) =>
            connection.Enqueue(operation, connection.NextMessage(operation.Id, value));

        public void OnError(Exception error)
        {
            var result = new ExecutionResult { Executed = false };
            result.AddError(
                error as ExecutionError
                    ?? new ExecutionError("The subscription failed.") { Code = ErrorCodes.InternalServerError }
            );
            connection.Enqueue(operation, connection.ErrorMessage(operation.Id, result));
            End();
        }

        public void OnCompleted()
        {
            connection.Enqueue(operation, connection.CompleteMessage(operation.Id));
            End();
        }

        private void End() =>
            _ = Task.Run(async () =>
            {
                await operation.DrainAsync();
                await connection.RemoveAsync(operation);
            });
    }
}
