using System.Net.WebSockets;
using GraphQL.Transport;
using StreamEngine.Application.Abstractions;
using StreamEngine.Web.Hosting;

namespace StreamEngine.Web.GraphQL.Transport.WebSockets;

/// <summary>Runs one operation of a connection in the operation's own scope, as the connection's user: a query or
/// mutation answers once and completes, a subscription relays its stream until it ends or is stopped.</summary>
internal sealed class OperationRunner(
    IGraphQLWebSocketProtocol protocol,
    SocketServices services,
    string clientAddress,
    string device
)
{
    public async Task RunAsync(
        GraphQLWebSocketConnection connection,
        WebSocketOperation operation,
        GraphQLRequest request,
        TokenPrincipal? principal
    )
    {
        var id = operation.Id;
        try
        {
            var provider = operation.Scope.ServiceProvider;
            var user = provider.GetRequiredService<CurrentUser>();
            user.ClientAddress = clientAddress;
            if (principal is not null)
            {
                user.SignIn(principal);
            }

            var context = new GraphQLUserContext(user) { Device = device.Length > 0 ? device : null };
            var result = await services.Executor.ExecuteAsync(
                request,
                null,
                context,
                provider,
                protocol.Transport,
                operation.Cancellation.Token
            );
            if (result.Streams is { Count: > 0 } streams)
            {
                operation.Subscribe(streams.Values.First(), connection);
                return;
            }

            if (!result.Executed || (result.Data is null && result.Errors is { Count: > 0 }))
            {
                await connection.SendAsync(connection.ErrorMessage(id, result));
            }
            else
            {
                await connection.SendAsync(connection.NextMessage(id, result));
                await connection.SendAsync(connection.CompleteMessage(id));
            }

            await connection.RemoveAsync(operation);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            await connection.RemoveAsync(operation);
        }
        catch (Exception ex)
        {
            services.Logger.LogError(ex, "WebSocket operation {Id} failed", id);
            await connection.SendErrorAsync(id, ErrorCodes.InternalServerError, "An unexpected error occurred.");
            await connection.RemoveAsync(operation);
        }
    }
}
