using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StreamEngine.Infrastructure.Telemetry;

internal static class DependencyInjection
{
    public static IServiceCollection AddOperationsTelemetry(
        this IServiceCollection services,
        IConfiguration configuration
    )
    {
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section));
        var interval =
            configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>()?.SampleInterval
            ?? new TelemetryOptions().SampleInterval;
        services.AddSingleton<OperationsMetrics>();
        services.AddHostedService<OperationsSampler>();
        services.AddSingleton<IHealthCheckPublisher, DependencyHealthMetrics>();
        services.Configure<HealthCheckPublisherOptions>(options =>
        {
            options.Delay = TimeSpan.FromSeconds(1);
            options.Period = interval;
            options.Predicate = check => check.Tags.Contains("ready");
        });
        return services;
    }
}
