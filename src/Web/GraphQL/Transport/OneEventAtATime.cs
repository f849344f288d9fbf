using System.Runtime.CompilerServices;
using GraphQL;
using GraphQL.Execution;

namespace StreamEngine.Web.GraphQL.Transport;

/// <summary>Subscriptions whose events are resolved one at a time per subscription, fields in order. graphql-dotnet
/// resolves each event as it arrives, so two events close together would otherwise run their resolvers at once on the
/// subscription's scope, whose DbContext allows one operation at a time ("a second operation was started on this
/// context instance"). Events of different subscriptions still run in parallel.</summary>
public sealed class OneEventAtATime() : SubscriptionExecutionStrategy(new SerialExecutionStrategy())
{
    // One gate per subscription: its events share the subscription's services (one DI scope per operation).
    private readonly ConditionalWeakTable<IServiceProvider, SemaphoreSlim> _gates = [];

    protected override async ValueTask<ExecutionResult> ProcessDataAsync(
        global::GraphQL.Execution.ExecutionContext context,
        ExecutionNode node,
        object? value
    )
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.RequestServices is not { } services)
        {
            return await base.ProcessDataAsync(context, node, value);
        }

        var gate = _gates.GetValue(services, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(context.CancellationToken);
        try
        {
            return await base.ProcessDataAsync(context, node, value);
        }
        finally
        {
            gate.Release();
        }
    }
}
