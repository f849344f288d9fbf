using Amazon.S3;
using Amazon.SQS;

namespace StreamEngine.TranscoderTask;

/// <summary>The AWS clients a task uses, from its environment.</summary>
public static class S3TaskClients
{
    /// <summary>The status queue client, when the task reports progress
    /// (<c>STREAMENGINE_STATUS_QUEUE_URL</c>).</summary>
    public static IAmazonSQS? CreateStatusClient(TaskSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.StatusQueueUrl is null)
        {
            return null;
        }

        var config = new AmazonSQSConfig { AuthenticationRegion = spec.Region };
        if (spec.SqsServiceUrl is { } url)
        {
            config.ServiceURL = url.ToString();
            config.UseHttp = url.Scheme == Uri.UriSchemeHttp;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(spec.Region);
        }

        return new AmazonSQSClient(config);
    }

    public static IAmazonS3 CreateClient(TaskSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var config = new AmazonS3Config { AuthenticationRegion = spec.Region };
        if (spec.S3ServiceUrl is { } url)
        {
            config.ServiceURL = url.ToString();
            config.ForcePathStyle = true;
            config.UseHttp = url.Scheme == Uri.UriSchemeHttp;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(spec.Region);
        }

        return new AmazonS3Client(config);
    }
}
