using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace StreamEngine.Web.Telemetry;

/// <summary>OpenTelemetry instruments for GraphQL operations, exported at <c>/metrics</c>.</summary>
public sealed class GraphQLMetrics : IDisposable
{
    public const string MeterName = "StreamEngine.GraphQL";

    private readonly Meter _meter;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _errors;

    public GraphQLMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _duration = _meter.CreateHistogram<double>(
            "graphql.operation.duration", unit: "s", description: "Duration of GraphQL operations.");
        _errors = _meter.CreateCounter<long>(
            "graphql.operation.errors", unit: "{error}", description: "Errors returned by GraphQL operations.");
    }

    public void Record(string? operationName, string operationType, TimeSpan elapsed, int errorCount, string transport)
    {
        var tags = new TagList
        {
            { "graphql.operation.name", string.IsNullOrEmpty(operationName) ? "anonymous" : Truncate(operationName) },
            { "graphql.operation.type", operationType },
            { "graphql.transport", transport },
            { "graphql.has_errors", errorCount > 0 },
        };
        _duration.Record(elapsed.TotalSeconds, tags);
        if (errorCount > 0)
        {
            _errors.Add(errorCount, tags);
        }
    }

    public void Dispose() => _meter.Dispose();

    // Operation names are client-chosen: bound their length so a client cannot blow up label cardinality per value.
    private static string Truncate(string name) => name.Length <= 64 ? name : name[..64];
}
