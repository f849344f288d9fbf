using Amazon.S3;
using Amazon.SQS;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Infrastructure.Configuration;
using StreamEngine.Infrastructure.Delivery;
using StreamEngine.Infrastructure.Documents;
using StreamEngine.Infrastructure.Identity;
using StreamEngine.Infrastructure.Live;
using StreamEngine.Infrastructure.Messaging;
using StreamEngine.Infrastructure.Persistence;
using StreamEngine.Infrastructure.Pipelines;
using StreamEngine.Infrastructure.Pipelines.Aws;
using StreamEngine.Infrastructure.Pipelines.Cloudinary;
using StreamEngine.Infrastructure.RateLimiting;
using StreamEngine.Infrastructure.Storage;
using StreamEngine.Infrastructure.Telemetry;

namespace StreamEngine.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Registers every adapter the configuration selects.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IClock, SystemClock>();
        services
            .AddOptions<RateLimitingOptions>()
            .Bind(configuration.GetSection(RateLimitingOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitingOptions>, RateLimitingOptionsValidator>();
        services.AddPersistence(configuration);
        services.AddOperationsTelemetry(configuration);
        services.AddIdentityAdapters(configuration);
        services.AddVideoAdapters(configuration);
        services.AddLiveIngest(configuration);
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.Section));
        if (RedisConfigured(configuration))
        {
            services.AddSingleton<RedisConnection>();
            services.AddSingleton<RedisEventBus>();
            services.AddSingleton<IEventBus>(sp => new MeteredEventBus(
                sp.GetRequiredService<RedisEventBus>(),
                sp.GetRequiredService<OperationsMetrics>()
            ));
            services.AddSingleton<RedisSessionEvents>();
            services.AddSingleton<ISessionEvents>(sp => new ForgettingSessionEvents(
                sp.GetRequiredService<RedisSessionEvents>(),
                sp.GetRequiredService<Identity.ActiveSessionCache>()
            ));
            services.AddSingleton<ILiveStreamEvents, RedisLiveStreamEvents>();
            services.AddSingleton<IRateLimiter, RedisRateLimiter>();
            services.AddSingleton<IPersistedDocumentStore, RedisPersistedDocumentStore>();
        }
        else
        {
            services.AddSingleton<InMemoryEventBus>();
            services.AddSingleton<IEventBus>(sp => new MeteredEventBus(
                sp.GetRequiredService<InMemoryEventBus>(),
                sp.GetRequiredService<OperationsMetrics>()
            ));
            services.AddSingleton<InMemorySessionEvents>();
            services.AddSingleton<ISessionEvents>(sp => new ForgettingSessionEvents(
                sp.GetRequiredService<InMemorySessionEvents>(),
                sp.GetRequiredService<Identity.ActiveSessionCache>()
            ));
            services.AddSingleton<ILiveStreamEvents, InMemoryLiveStreamEvents>();
            services.AddSingleton<IRateLimiter, InMemoryRateLimiter>();
            services.AddSingleton<IPersistedDocumentStore>(new InMemoryPersistedDocumentStore());
        }

        services.AddSingleton<Identity.ActiveSessionCache>();
        services.AddSingleton<ISessionCache>(sp => sp.GetRequiredService<Identity.ActiveSessionCache>());
        services.AddHostedService<ActiveSessionsListener>();
        return services;
    }

    public static IHealthChecksBuilder AddInfrastructureChecks(
        this IHealthChecksBuilder checks,
        IConfiguration configuration
    )
    {
        ArgumentNullException.ThrowIfNull(checks);
        checks.AddDbContextCheck<AppDbContext>("database", HealthStatus.Unhealthy, ["ready"]);
        if (RedisConfigured(configuration))
        {
            checks.AddCheck<RedisHealthCheck>("redis", HealthStatus.Unhealthy, ["ready"]);
        }

        if (configuration.GetSection(StorageOptions.Section).Get<StorageOptions>()?.Provider == StorageProvider.S3)
        {
            checks.AddCheck<S3HealthCheck>("s3", HealthStatus.Unhealthy, ["ready"]);
        }

        if (configuration.GetSection(PipelineOptions.Section).Get<PipelineOptions>()?.Provider != PipelineProvider.Aws)
        {
            checks.AddCheck<TranscodingHealthCheck>("transcoding", HealthStatus.Degraded, ["ready"]);
        }

        return checks;
    }

    private static IServiceCollection AddVideoAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();
        services
            .AddOptions<DeliveryOptions>()
            .Bind(configuration.GetSection(DeliveryOptions.Section))
            .ValidateOnStart();
        services
            .AddOptions<PipelineOptions>()
            .Bind(configuration.GetSection(PipelineOptions.Section))
            .ValidateOnStart();
        services.AddOptions<S3StorageOptions>().Bind(configuration.GetSection(S3StorageOptions.Section));
        services.AddOptions<StepFunctionsOptions>().Bind(configuration.GetSection(StepFunctionsOptions.Section));
        services.AddOptions<CloudFrontOptions>().Bind(configuration.GetSection(CloudFrontOptions.Section));
        services.AddOptions<SqsOptions>().Bind(configuration.GetSection(SqsOptions.Section));
        services.AddOptions<CloudinaryOptions>().Bind(configuration.GetSection(CloudinaryOptions.Section));
        services.AddSingleton<IValidateOptions<PipelineOptions>, PipelineOptionsValidator>();
        services.AddSingleton<IValidateOptions<StorageOptions>>(new VideoAdapterSelectionValidator(configuration));

        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var pipeline =
            configuration.GetSection(PipelineOptions.Section).Get<PipelineOptions>() ?? new PipelineOptions();
        var delivery =
            configuration.GetSection(DeliveryOptions.Section).Get<DeliveryOptions>() ?? new DeliveryOptions();

        // The local adapters always exist: the media and part endpoints use them, and they cost nothing unused.
        services.AddSingleton<UrlSignature>();
        services.AddOptions<TestingOptions>().Bind(configuration.GetSection(TestingOptions.Section));
        services.AddSingleton<Failpoints>();
        services.AddSingleton<LocalDiskStorage>();
        services.AddSingleton<IUploadPartReceiver, LocalUploadPartReceiver>();
        services.AddSingleton<LocalSignedUrls>();
        services.AddSingleton<IMediaFiles>(sp => sp.GetRequiredService<LocalSignedUrls>());
        services.AddSingleton<LocalChannelImages>();
        services.AddSingleton<IChannelImages>(sp => sp.GetRequiredService<LocalChannelImages>());
        services.AddSingleton<IChannelImageFiles>(sp => sp.GetRequiredService<LocalChannelImages>());

        if (storage.Provider == StorageProvider.S3)
        {
            services.AddSingleton<IAmazonS3>(sp =>
                sp.GetRequiredService<IOptions<S3StorageOptions>>().Value.CreateClient()
            );
            services.AddSingleton<S3ObjectStorage>();
            services.AddSingleton<IObjectStorage>(sp => sp.GetRequiredService<S3ObjectStorage>());
            services.AddSingleton<IResumableUploadStorage, S3ResumableUploads>();
            services.AddSingleton<IMediaInspector, S3MediaInspector>();
            services.AddSingleton<IPipelineOutputs, S3PipelineOutputs>();
        }
        else
        {
            services.AddSingleton<IObjectStorage>(sp => sp.GetRequiredService<LocalDiskStorage>());
            services.AddSingleton<IResumableUploadStorage, LocalResumableUploads>();
            services.AddSingleton<IMediaInspector, FfprobeMediaInspector>();
            services.AddSingleton<IPipelineOutputs, NoPipelineOutputs>();
        }

        if (pipeline.Provider == PipelineProvider.Aws)
        {
            services.AddHttpClient<StepFunctionsClient>();
            services.AddKeyedScoped<ITranscodePipeline, AwsStepFunctionsPipeline>(PipelineStarts.Direct);
            services.AddHostedService<StepFunctionsReconciler>();
            if (configuration.GetSection(SqsOptions.Section).Get<SqsOptions>()?.StatusQueueUrl is not null)
            {
                services.AddSingleton<IAmazonSQS>(sp =>
                    sp.GetRequiredService<IOptions<SqsOptions>>().Value.CreateClient()
                );
                services.AddHostedService<SqsStatusConsumer>();
            }
        }
        else
        {
            // The local and Cloudinary pipelines share the durable job queue and its worker; they differ in the job.
            services.AddSingleton<LocalWorkerSignal>();
            services.AddScoped<LocalTranscodePipeline>();
            if (Role(configuration) != ServerRole.Api)
            {
                services.AddHostedService<TranscodeJobWorker>();
            }

            if (pipeline.Provider == PipelineProvider.Cloudinary)
            {
                services.AddHttpClient<CloudinaryClient>();
                services.AddKeyedScoped<ITranscodePipeline, CloudinaryPipeline>(PipelineStarts.Direct);
                services.AddSingleton<ITranscodeJobRunner, CloudinaryUploadRunner>();
                services.AddScoped<IPipelineNotifications, CloudinaryNotifications>();
                services.AddHostedService<CloudinaryReconciler>();
            }
            else
            {
                services.AddKeyedScoped<ITranscodePipeline>(
                    PipelineStarts.Direct,
                    (sp, _) => sp.GetRequiredService<LocalTranscodePipeline>()
                );
                services.AddSingleton<ITranscodeJobRunner, LocalTranscodeRunner>();
            }
        }

        // Every start goes through the outbox row written with the commit that asks for it.
        services.AddSingleton<IInterceptor, PipelineStartInterceptor>();
        services.AddSingleton<PipelineMetrics>();
        services.AddSingleton<PipelineStarts>();
        services.AddHostedService(sp => sp.GetRequiredService<PipelineStarts>());
        services.AddScoped<ITranscodePipeline, OutboxedTranscodePipeline>();

        if (pipeline.Provider == PipelineProvider.Cloudinary)
        {
            services.AddSingleton<IPlaybackUrlSigner, CloudinaryPlayback>();
        }
        else if (delivery.Provider == DeliveryProvider.CloudFront)
        {
            services.AddSingleton<IPlaybackUrlSigner, CloudFrontSigner>();
        }
        else
        {
            services.AddSingleton<IPlaybackUrlSigner>(sp => sp.GetRequiredService<LocalSignedUrls>());
        }

        // Captions, thumbnails and downloads edit the produced media where it is ours: the local pipeline's folder.
        if (pipeline.Provider == PipelineProvider.Local && storage.Provider == StorageProvider.Local)
        {
            services.AddSingleton<IVideoMediaEditor, LocalVideoMedia>();
            services.AddSingleton<DownloadWorker>();
            services.AddSingleton<IDownloadWork>(sp => sp.GetRequiredService<DownloadWorker>());
            services.AddHostedService(sp => sp.GetRequiredService<DownloadWorker>());
        }
        else
        {
            services.AddSingleton<IVideoMediaEditor, NoVideoMediaEdits>();
            services.AddSingleton<IDownloadWork, NoDownloadWork>();
        }

        services.AddHostedService<UploadExpirySweeper>();
        return services;
    }

    /// <summary>What this process does (<c>StreamEngine:Role</c>).</summary>
    public static ServerRole Role(IConfiguration configuration) =>
        configuration
            .GetSection(StreamEngineOptions.Section)
            .GetValue(nameof(StreamEngineOptions.Role), ServerRole.All);

    private static bool RedisConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(
            configuration.GetSection(RedisOptions.Section)[nameof(RedisOptions.ConnectionString)]
        );
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
