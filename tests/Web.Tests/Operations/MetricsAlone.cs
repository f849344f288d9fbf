namespace StreamEngine.Web.Tests.Operations;

/// <summary>Tests that read <c>/metrics</c> for exact series: OpenTelemetry listens to meters by name across the whole
/// process, so another test's server (starting, stopping, or with its database down) would show in the same series.
/// These run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(MetricsAlone), DisableParallelization = true)]
public sealed class MetricsAlone;
