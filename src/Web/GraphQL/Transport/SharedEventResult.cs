using GraphQL;

namespace StreamEngine.Web.GraphQL.Transport;

/// <summary>A subscription event's result that several subscriptions share (<see cref="OneEventAtATime"/>): it is
/// serialised once, by the first subscription that sends it, and the others send the same JSON.</summary>
public sealed class SharedEventResult(ExecutionResult result) : ExecutionResult(result)
{
    private string? _json;

    public string Json(IGraphQLTextSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        return Volatile.Read(ref _json)
            ?? Interlocked.CompareExchange(ref _json, serializer.Serialize(this), null)
            ?? Volatile.Read(ref _json)!;
    }
}
