using Amazon.Runtime;

namespace StreamEngine.Infrastructure.Configuration;

/// <summary>Points an AWS SDK client at AWS in a region, or at a compatible endpoint (a local S3 server, a
/// stub).</summary>
internal static class AwsClientSettings
{
    public static T Configure<T>(T config, string region, Uri? serviceUrl)
        where T : ClientConfig
    {
        ArgumentNullException.ThrowIfNull(config);
        config.AuthenticationRegion = region;
        if (serviceUrl is not null)
        {
            config.ServiceURL = serviceUrl.ToString();
            config.UseHttp = serviceUrl.Scheme == Uri.UriSchemeHttp;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
        }

        return config;
    }

    public static AWSCredentials? Credentials(string? accessKeyId, string? secretAccessKey) =>
        string.IsNullOrEmpty(accessKeyId) ? null : new BasicAWSCredentials(accessKeyId, secretAccessKey);
}
