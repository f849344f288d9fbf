using Amazon.S3;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace StreamEngine.Infrastructure.Storage;

/// <summary>Readiness with S3 storage: both buckets answer.</summary>
internal sealed class S3HealthCheck(IAmazonS3 s3, IOptions<S3StorageOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context,
        CancellationToken cancellationToken = default
    )
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await s3.ListObjectsV2Async(
                new Amazon.S3.Model.ListObjectsV2Request { BucketName = options.Value.RawBucket, MaxKeys = 1 },
                timeout.Token
            );
            await s3.ListObjectsV2Async(
                new Amazon.S3.Model.ListObjectsV2Request { BucketName = options.Value.ProductionBucket, MaxKeys = 1 },
                timeout.Token
            );
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
            when (ex
                    is AmazonS3Exception
                        or Amazon.Runtime.AmazonClientException
                        or HttpRequestException
                        or OperationCanceledException
            )
        {
            return HealthCheckResult.Unhealthy("S3 buckets do not answer.");
        }
    }
}
