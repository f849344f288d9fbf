using System.Runtime.CompilerServices;
using GraphQL;
using GraphQL.Execution;

namespace StreamEngine.Web.GraphQL.Transport;

/// <summary>Subscriptions whose events are resolved one at a time per subscription, fields in order, and once per
/// event for every subscription that would resolve it alike.
/// <para>One at a time: graphql-dotnet resolves each event as it arrives, so two events close together would otherwise
/// run their resolvers at once on the subscription's scope, whose DbContext allows one operation at a time ("a second
/// operation was started on this context instance"). Events of different subscriptions still run in parallel.</para>
/// <para>Once: subscriptions of the same operation (the same validated document), the same variables and the same
/// user get the same answer for the same event, so the first to resolve it shares its result, and the JSON it
/// serialises to (<see cref="SharedEventResult"/>), with the others: a user's twenty open tabs cost one resolution,
/// and six hundred anonymous viewers of one video cost one.</para></summary>
public sealed class OneEventAtATime() : SubscriptionExecutionStrategy(new SerialExecutionStrategy())
{
    // One gate per subscription: its events share the subscription's services (one DI scope per operation).
    private readonly ConditionalWeakTable<IServiceProvider, SemaphoreSlim> _gates = [];

    // Per event (the object the bus delivered to every subscriber), the resolutions under way or done; an entry goes
    // with its event.
    private readonly ConditionalWeakTable<
        object,
        System.Collections.Concurrent.ConcurrentDictionary<SharedKey, Task<ExecutionResult>>
    > _resolved = [];

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
            if (value is null || value.GetType().IsValueType || SharedKey.Of(context) is not { } key)
            {
                return await base.ProcessDataAsync(context, node, value);
            }

            var resolutions = _resolved.GetValue(value, _ => new());
            var mine = new TaskCompletionSource<ExecutionResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            var shared = resolutions.GetOrAdd(key, mine.Task);
            if (shared != mine.Task)
            {
                try
                {
                    return await shared.WaitAsync(context.CancellationToken);
                }
                catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
                {
                    // The subscription resolving it went away mid-way, or failed: resolve it here.
                    return await base.ProcessDataAsync(context, node, value);
                }
            }

            try
            {
                var result = new SharedEventResult(await base.ProcessDataAsync(context, node, value));
                mine.SetResult(result);
                return result;
            }
            catch
            {
                // The others resolve it themselves (they see a cancelled resolution); later ones start afresh.
                resolutions.TryRemove(new KeyValuePair<SharedKey, Task<ExecutionResult>>(key, mine.Task));
                mine.SetCanceled(CancellationToken.None);
                throw;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>What makes two subscriptions resolve an event alike: the operation (documents are validated once and
    /// kept, so the same text is the same object), the variables, and the user.</summary>
    private readonly record struct SharedKey(object Operation, string Variables, Guid? User)
    {
        public static SharedKey? Of(global::GraphQL.Execution.ExecutionContext context)
        {
            if (context.UserContext is not GraphQLUserContext user)
            {
                return null;
            }

            var variables = new System.Text.StringBuilder();
            foreach (var variable in context.Variables ?? global::GraphQL.Validation.Variables.None)
            {
                // Only plain values make a key; anything else resolves on its own.
                var text = variable.Value switch
                {
                    null => "null",
                    string s => "\"" + s,
                    bool or int or long or double or decimal or Guid => Convert.ToString(
                        variable.Value,
                        System.Globalization.CultureInfo.InvariantCulture
                    ),
                    _ => null,
                };
                if (text is null)
                {
                    return null;
                }

                variables.Append(variable.Name).Append('=').Append(text.Length).Append(':').Append(text);
            }

            return new SharedKey(context.Operation, variables.ToString(), user.CurrentUser.UserId);
        }
    }
}
