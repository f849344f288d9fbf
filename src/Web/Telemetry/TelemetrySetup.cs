using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using StreamEngine.Infrastructure;
using StreamEngine.Infrastructure.Messaging;
using StreamEngine.Infrastructure.Telemetry;

namespace StreamEngine.Web.Telemetry;

/// <summary>Metrics at <c>/metrics</c> (always) and traces over OTLP (when an endpoint is configured).</summary>
internal static class TelemetrySetup
{
    public static IServiceCollection AddStreamEngineTelemetry(
        this IServiceCollection services,
        IConfiguration configuration
    )
    {
        var settings = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new();
        var endpoint =
            settings.OtlpEndpoint
            ?? (
                Uri.TryCreate(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"], UriKind.Absolute, out var standard)
                    ? standard
                    : null
            );
        var telemetry = services
            .AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("streamengine"))
            .WithMetrics(metrics =>
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddMeter(GraphQLMetrics.MeterName)
                    .AddMeter(SecurityMetrics.MeterName)
                    .AddRuntimeInstrumentation()
                    .AddProcessInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddMeter(InfrastructureMeters.Names)
                    .AddPrometheusExporter()
            );
        services.AddHostedService<SeriesAtZero>();
        if (endpoint is null)
        {
            return services;
        }

        var protocol = string.Equals(settings.OtlpProtocol, "Grpc", StringComparison.OrdinalIgnoreCase)
            ? OtlpExportProtocol.Grpc
            : OtlpExportProtocol.HttpProtobuf;
        telemetry.WithTracing(tracing =>
            tracing
                .AddSource(StreamEngineTracing.SourceName)
                .AddAspNetCoreInstrumentation(aspnet =>
                    aspnet.Filter = context => !context.Request.Path.StartsWithSegments("/metrics")
                )
                .AddNpgsql()
                .AddRedisInstrumentation()
                .ConfigureRedisInstrumentation(
                    (sp, redis) =>
                        sp.GetService<RedisConnection>()?.OnConnected(multiplexer => redis.AddConnection(multiplexer))
                )
                .AddOtlpExporter(otlp =>
                {
                    // The HTTP exporter posts to the endpoint as given: name the traces path when only a base is set.
                    otlp.Protocol = protocol;
                    otlp.Endpoint =
                        protocol == OtlpExportProtocol.HttpProtobuf && endpoint.AbsolutePath is "/" or ""
                            ? new Uri(endpoint, "/v1/traces")
                            : endpoint;
                })
        );
        return services;
    }
}

/// <summary>Started after the exporter (hosted services start in order): records 0 on our counters' series, so a
/// dashboard or alert sees them before the first event.</summary>
internal sealed class SeriesAtZero(
    SecurityMetrics security,
    OperationsMetrics operations,
    Infrastructure.Pipelines.PipelineMetrics pipeline
) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        security.RecordZeros();
        operations.RecordZeros();
        pipeline.RecordZeros();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
