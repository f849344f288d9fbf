namespace StreamEngine.Infrastructure.Telemetry;

/// <summary>The <c>StreamEngine:Telemetry</c> section: how often the sampled gauges are read, and where traces
/// go.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "StreamEngine:Telemetry";

    /// <summary>How often the database counts behind the queue and video gauges, and the dependency checks behind
    /// <c>streamengine_dependency_up</c>, are read.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>An OTLP endpoint (e.g. <c>http://collector:4318</c>); empty: no traces are exported (unless the
    /// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable names one).</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>HttpProtobuf</c> (port 4318) or <c>Grpc</c> (port 4317).</summary>
    public string OtlpProtocol { get; set; } = "HttpProtobuf";
}
