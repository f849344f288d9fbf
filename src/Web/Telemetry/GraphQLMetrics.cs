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
            "graphql.operation.duration",
            unit: "s",
            description: "Duration of GraphQL operations."
        );
        _errors = _meter.CreateCounter<long>(
            "graphql.operation.errors",
            unit: "{error}",
            description: "Errors returned by GraphQL operations."
        );
    }

    /// <summary>Records one operation under <paramref name="label"/>, a name already bounded by
    /// <see cref="Label"/>.</summary>
    public void Record(string label, string operationType, TimeSpan elapsed, int errorCount, string transport)
    {
        var tags = new TagList
        {
            { "graphql.operation.name", label },
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

    /// <summary>Distinct operation names kept as labels; later new names are counted as "other".</summary>
    public const int MaxOperationNames = 200;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _names = new(
        StringComparer.Ordinal
    );

    // Operation names are chosen by clients: a label takes a name only while fewer than MaxOperationNames are known,
    // only if it is a GraphQL name of at most 64 characters, so no client can grow the series without bound.
    public string Label(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "anonymous";
        }

        if (name.Length > 64 || !IsGraphQLName(name))
        {
            return "other";
        }

        if (_names.ContainsKey(name))
        {
            return name;
        }

        lock (_names)
        {
            if (_names.Count >= MaxOperationNames)
            {
                return "other";
            }

            _names.TryAdd(name, true);
            return name;
        }
    }

    private static bool IsGraphQLName(string name) =>
        (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
