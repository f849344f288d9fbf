using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StreamEngine.Application.Abstractions;
using StreamEngine.Infrastructure.Identity;
using StreamEngine.Infrastructure.Messaging;
using StreamEngine.Infrastructure.Persistence;

namespace StreamEngine.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Registers every adapter the configuration selects.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IClock, SystemClock>();
        services.AddPersistence(configuration);
        services.AddIdentityAdapters(configuration);
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.Section));
        if (RedisConfigured(configuration))
        {
            services.AddSingleton<RedisConnection>();
        }

        return services;
    }

    public static IHealthChecksBuilder AddInfrastructureChecks(this IHealthChecksBuilder checks, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(checks);
        checks.AddDbContextCheck<AppDbContext>("database", HealthStatus.Unhealthy, ["ready"]);
        if (RedisConfigured(configuration))
        {
            checks.AddCheck<RedisHealthCheck>("redis", HealthStatus.Unhealthy, ["ready"]);
        }

        return checks;
    }

    private static bool RedisConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetSection(RedisOptions.Section)[nameof(RedisOptions.ConnectionString)]);
}

internal sealed class SystemClock : IClock
{
    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
}

/// <summary>Names of the meters infrastructure adapters publish.</summary>
public static class InfrastructureMeters
{
    public static readonly string[] Names = ["StreamEngine.Infrastructure"];
}
