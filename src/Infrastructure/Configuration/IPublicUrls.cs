namespace StreamEngine.Infrastructure.Configuration;

/// <summary>This server's public base address (configured, or the current request's).</summary>
public interface IPublicUrls
{
    Uri BaseUrl { get; }
}
