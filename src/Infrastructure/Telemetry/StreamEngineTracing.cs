using System.Diagnostics;

namespace StreamEngine.Infrastructure.Telemetry;

/// <summary>The spans StreamEngine makes itself (exported over OTLP when configured). A video's work carries the trace
/// of the request that started it in its rows (<c>trace_parent</c>), so one trace follows it from
/// <c>completeVideoUpload</c> through the worker that takes its job, on whichever instance.</summary>
public static class StreamEngineTracing
{
    public const string SourceName = "StreamEngine";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>The W3C <c>traceparent</c> of the current span, to keep beside work done later.</summary>
    public static string? CurrentParent => Activity.Current?.Id is { Length: <= 128 } id ? id : null;

    /// <summary>A span continuing the trace a row kept (a root span when it kept none or it does not parse).</summary>
    public static Activity? StartContinuing(string name, string? traceParent, ActivityKind kind = ActivityKind.Internal)
    {
        ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent);
        return Source.StartActivity(name, kind, parent);
    }
}
