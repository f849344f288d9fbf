using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.RateLimiting;
using StreamEngine.Infrastructure.Delivery;
using StreamEngine.Infrastructure.Identity;
using StreamEngine.Infrastructure.Messaging;
using StreamEngine.Infrastructure.Persistence;
using StreamEngine.Infrastructure.Pipelines;
using StreamEngine.Infrastructure.RateLimiting;
using StreamEngine.Infrastructure.Storage;

namespace StreamEngine.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Registers every adapter the configuration selects.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IClock, SystemClock>();
        services.AddPersistence(configuration);
        services.AddIdentityAdapters(configuration);
        services.AddVideoAdapters(configuration);
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.Section));
        if (RedisConfigured(configuration))
        {
            services.AddSingleton<RedisConnection>();
            services.AddSingleton<IEventBus, RedisEventBus>();
            services.AddSingleton<IRateLimiter, RedisRateLimiter>();
        }
        else
        {
            services.AddSingleton<IEventBus, InMemoryEventBus>();
            services.AddSingleton<IRateLimiter, InMemoryRateLimiter>();
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

    private static IServiceCollection AddVideoAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();
        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.Section)).ValidateOnStart();
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PipelineOptions>, PipelineOptionsValidator>();

        services.AddSingleton<UrlSignature>();
        services.AddSingleton<LocalDiskStorage>();
        services.AddSingleton<IObjectStorage>(sp => sp.GetRequiredService<LocalDiskStorage>());
        services.AddSingleton<IUploadPartReceiver>(sp => sp.GetRequiredService<LocalDiskStorage>());
        services.AddSingleton<LocalSignedUrls>();
        services.AddSingleton<IPlaybackUrlSigner>(sp => sp.GetRequiredService<LocalSignedUrls>());
        services.AddSingleton<IMediaFiles>(sp => sp.GetRequiredService<LocalSignedUrls>());
        services.AddSingleton<IMediaInspector, FfprobeMediaInspector>();

        services.AddSingleton<LocalWorkerSignal>();
        services.AddScoped<ITranscodePipeline, LocalTranscodePipeline>();
        services.AddHostedService<LocalTranscodeWorker>();
        services.AddHostedService<UploadExpirySweeper>();
        return services;
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
