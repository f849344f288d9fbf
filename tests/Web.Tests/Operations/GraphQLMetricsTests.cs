using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using StreamEngine.Web.Telemetry;

namespace StreamEngine.Web.Tests.Operations;

/// <summary>Operation-name labels: bounded by count and shape, and the bounded labels themselves ("other",
/// "anonymous") never take one of the slots kept for real names.</summary>
public sealed class GraphQLMetricsTests
{
    [Fact]
    public void Recording_under_other_or_anonymous_leaves_every_slot_to_real_names()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new GraphQLMetrics(services.GetRequiredService<IMeterFactory>());

        metrics.Record(metrics.Label(new string('a', 65)), "query", TimeSpan.FromMilliseconds(1), 0, "http");
        metrics.Record(metrics.Label(null), "query", TimeSpan.FromMilliseconds(1), 0, "http");
        var kept = Enumerable
            .Range(0, GraphQLMetrics.MaxOperationNames)
            .Select(i => metrics.Label("Operation" + i))
            .ToList();

        Assert.Equal(
            GraphQLMetrics.MaxOperationNames,
            kept.Count(l => l.StartsWith("Operation", StringComparison.Ordinal))
        );
        Assert.Equal("other", metrics.Label("OneTooMany"));
    }
}
