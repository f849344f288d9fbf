using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Delivery;
using StreamEngine.Infrastructure.Pipelines.Aws;
using StreamEngine.Infrastructure.Storage;

namespace StreamEngine.Infrastructure.Pipelines;

/// <summary>Checks that the chosen storage, pipeline and delivery adapters fit together and have what they need,
/// naming the missing key.</summary>
internal sealed class VideoAdapterSelectionValidator(IConfiguration configuration) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        var pipeline = configuration.GetSection(PipelineOptions.Section).Get<PipelineOptions>() ?? new PipelineOptions();
        var delivery = configuration.GetSection(DeliveryOptions.Section).Get<DeliveryOptions>() ?? new DeliveryOptions();
        if (options.Provider == StorageProvider.S3)
        {
            var s3 = configuration.GetSection(S3StorageOptions.Section).Get<S3StorageOptions>() ?? new S3StorageOptions();
            if (string.IsNullOrWhiteSpace(s3.RawBucket) || string.IsNullOrWhiteSpace(s3.ProductionBucket))
            {
                failures.Add($"{S3StorageOptions.Section}:RawBucket and {S3StorageOptions.Section}:ProductionBucket are required when {StorageOptions.Section}:Provider is S3.");
            }
        }

        if (pipeline.Provider == PipelineProvider.Aws)
        {
            if (options.Provider != StorageProvider.S3)
            {
                failures.Add($"{PipelineOptions.Section}:Provider Aws needs {StorageOptions.Section}:Provider S3.");
            }

            if (string.IsNullOrWhiteSpace(configuration[$"{StepFunctionsOptions.Section}:StateMachineArn"]))
            {
                failures.Add($"{StepFunctionsOptions.Section}:StateMachineArn is required when {PipelineOptions.Section}:Provider is Aws.");
            }
        }

        if (delivery.Provider == DeliveryProvider.CloudFront)
        {
            var cloudFront = configuration.GetSection(CloudFrontOptions.Section).Get<CloudFrontOptions>() ?? new CloudFrontOptions();
            if (cloudFront.Domain is null || string.IsNullOrWhiteSpace(cloudFront.KeyPairId) || string.IsNullOrWhiteSpace(cloudFront.PrivateKeyPem))
            {
                failures.Add($"{CloudFrontOptions.Section}:Domain, KeyPairId and PrivateKeyPem are required when {DeliveryOptions.Section}:Provider is CloudFront.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>With local storage no remote pipeline writes renditions.</summary>
internal sealed class NoPipelineOutputs : IPipelineOutputs
{
    public Task<IReadOnlyList<Rendition>> ReadRenditionsAsync(Guid videoId, CancellationToken ct) => Task.FromResult<IReadOnlyList<Rendition>>([]);
}
