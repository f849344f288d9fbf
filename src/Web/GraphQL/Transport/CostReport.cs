using System.Globalization;
using GraphQL;

namespace StreamEngine.Web.GraphQL.Transport;

/// <summary>What a client that sends <c>GraphQL-Cost: report</c> learns of its operation: the computed complexity, the
/// tokens the rate limiter charged and what its bucket holds after, in the <c>GraphQL-Cost</c> response header and in
/// <c>extensions.cost</c>. So a frontend team can see what a query costs before it ships.</summary>
public static class CostReport
{
    public static void Apply(HttpResponse response, ExecutionResult result, GraphQLUserContext user)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(user);
        var remaining = user.RateLimit?.ClientRemaining;
        var header = string.Create(
            CultureInfo.InvariantCulture,
            $"complexity={user.Complexity:0.##}; tokens={user.Cost:0.##}"
        );
        if (remaining is { } left)
        {
            header += string.Create(CultureInfo.InvariantCulture, $"; remaining={Math.Floor(left):0}");
        }

        response.Headers["GraphQL-Cost"] = header;
        result.Extensions ??= [];
        result.Extensions["cost"] = new Dictionary<string, object?>
        {
            ["complexity"] = user.Complexity,
            ["tokens"] = user.Cost,
            ["remaining"] = remaining is { } r ? Math.Floor(r) : null,
            ["policy"] = user.RateLimit?.Policy.Name,
        };
    }
}
