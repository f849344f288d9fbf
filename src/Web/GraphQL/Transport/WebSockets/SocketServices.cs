using GraphQL;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Web.GraphQL.Transport.WebSockets;

/// <summary>What every connection of an endpoint shares.</summary>
internal sealed record SocketServices(
    GraphQLRequestExecutor Executor,
    IGraphQLTextSerializer Serializer,
    IServiceScopeFactory Scopes,
    GraphQLWebSocketOptions Options,
    GraphQLWebSocketEndpoint Endpoint,
    IClock Clock,
    Telemetry.SecurityMetrics Metrics,
    ILogger Logger
);
