using StreamEngine.Application.Abstractions;

namespace StreamEngine.Web.GraphQL.Transport;

/// <summary>What resolvers know about the request beyond their arguments.</summary>
public sealed class GraphQLUserContext : Dictionary<string, object?>
{
    public GraphQLUserContext(ICurrentUser currentUser) => CurrentUser = currentUser;

    public ICurrentUser CurrentUser { get; }

    /// <summary>The client's User-Agent, kept on sessions so a user can tell their devices apart.</summary>
    public string? Device { get; init; }

    /// <summary>What the executed operation asks for, fragments expanded; set before validation.</summary>
    public Limits.DocumentShape? Shape { get; set; }

    /// <summary>The computed complexity of the executed document, known after validation.</summary>
    public double Complexity { get; set; }

    /// <summary>The tokens the GraphQL rate-limit policy charged for this operation (0 when limits are off).</summary>
    public double Cost { get; set; }

    /// <summary>Selection sets collected into fields, by object type and selection (see
    /// <see cref="SerialExecution"/>).</summary>
    internal CollectedFieldSets? CollectedFields { get; set; }

    /// <summary>The GraphQL policy's decision for this request, for the RateLimit response headers.</summary>
    public Infrastructure.RateLimiting.RateLimitDecision? RateLimit { get; set; }
}
