using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Infrastructure.Delivery;
using StreamEngine.Infrastructure.Pipelines.Aws;
using StreamEngine.Infrastructure.Pipelines.Cloudinary;
using StreamEngine.Infrastructure.Storage;

namespace StreamEngine.Infrastructure.Pipelines;

/// <summary>Checks that the chosen storage, pipeline and delivery adapters fit together and have what they need,
/// naming the missing key.</summary>
internal sealed class VideoAdapterSelectionValidator(IConfiguration configuration) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        var pipeline =
            configuration.GetSection(PipelineOptions.Section).Get<PipelineOptions>() ?? new PipelineOptions();
        var delivery =
            configuration.GetSection(DeliveryOptions.Section).Get<DeliveryOptions>() ?? new DeliveryOptions();
        if (options.Provider == StorageProvider.S3)
        {
            var s3 =
                configuration.GetSection(S3StorageOptions.Section).Get<S3StorageOptions>() ?? new S3StorageOptions();
            if (string.IsNullOrWhiteSpace(s3.RawBucket) || string.IsNullOrWhiteSpace(s3.ProductionBucket))
            {
                failures.Add(
                    $"{S3StorageOptions.Section}:RawBucket and {S3StorageOptions.Section}:ProductionBucket are "
                        + $"required when {StorageOptions.Section}:Provider is S3."
                );
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
                failures.Add(
                    $"{StepFunctionsOptions.Section}:StateMachineArn is required when "
                        + $"{PipelineOptions.Section}:Provider is Aws."
                );
            }
        }

        if (pipeline.Provider == PipelineProvider.Cloudinary)
        {
            var cloudinary =
                configuration.GetSection(CloudinaryOptions.Section).Get<CloudinaryOptions>() ?? new CloudinaryOptions();
            if (
                string.IsNullOrWhiteSpace(cloudinary.CloudName)
                || string.IsNullOrWhiteSpace(cloudinary.ApiKey)
                || string.IsNullOrWhiteSpace(cloudinary.ApiSecret)
            )
            {
                failures.Add(
                    $"{CloudinaryOptions.Section}:CloudName, ApiKey and ApiSecret are required when "
                        + $"{PipelineOptions.Section}:Provider is Cloudinary."
                );
            }

            if (!Uri.TryCreate(configuration["StreamEngine:PublicBaseUrl"], UriKind.Absolute, out _))
            {
                failures.Add(
                    $"StreamEngine:PublicBaseUrl is required when {PipelineOptions.Section}:Provider is Cloudinary "
                        + $"(Cloudinary calls {CloudinaryOptions.NotificationPath} there)."
                );
            }

            if (cloudinary.ChunkSizeBytes < CloudinaryOptions.MinChunkBytes)
            {
                failures.Add(
                    $"{CloudinaryOptions.Section}:ChunkSizeBytes must be at least "
                        + $"{CloudinaryOptions.MinChunkBytes} (Cloudinary's minimum chunk)."
                );
            }

            if (cloudinary.DeliveryType is not ("authenticated" or "upload"))
            {
                failures.Add($"{CloudinaryOptions.Section}:DeliveryType must be authenticated or upload.");
            }

            if (
                !string.IsNullOrEmpty(cloudinary.AuthTokenKey)
                && (cloudinary.AuthTokenKey.Length % 2 != 0 || !cloudinary.AuthTokenKey.All(char.IsAsciiHexDigit))
            )
            {
                failures.Add(
                    $"{CloudinaryOptions.Section}:AuthTokenKey must be the hex key Cloudinary shows for "
                        + "token-based authentication."
                );
            }

            if (string.IsNullOrWhiteSpace(cloudinary.StreamingProfile) || string.IsNullOrWhiteSpace(cloudinary.Folder))
            {
                failures.Add($"{CloudinaryOptions.Section}:StreamingProfile and Folder must not be empty.");
            }

            if (options.Provider != StorageProvider.Local || delivery.Provider != DeliveryProvider.Local)
            {
                failures.Add(
                    $"{PipelineOptions.Section}:Provider Cloudinary needs {StorageOptions.Section}:Provider Local "
                        + $"and {DeliveryOptions.Section}:Provider Local (Cloudinary stores and delivers the ladder)."
                );
            }
        }

        if (delivery.Provider == DeliveryProvider.CloudFront)
        {
            var cloudFront =
                configuration.GetSection(CloudFrontOptions.Section).Get<CloudFrontOptions>() ?? new CloudFrontOptions();
            if (
                cloudFront.Domain is null
                || string.IsNullOrWhiteSpace(cloudFront.KeyPairId)
                || string.IsNullOrWhiteSpace(cloudFront.PrivateKeyPem)
            )
            {
                failures.Add(
                    $"{CloudFrontOptions.Section}:Domain, KeyPairId and PrivateKeyPem are required when "
                        + $"{DeliveryOptions.Section}:Provider is CloudFront."
                );
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>With local storage no remote pipeline writes renditions.</summary>
internal sealed class NoPipelineOutputs : IPipelineOutputs
{
    public Task<PipelineOutput> ReadAsync(Guid videoId, CancellationToken ct) =>
        Task.FromResult(new PipelineOutput([], null));
}
