using Microsoft.Extensions.Options;
using StreamEngine.Infrastructure.Configuration;

namespace StreamEngine.Web.Hosting;

/// <summary><c>StreamEngine:PublicBaseUrl</c> is required as soon as any adapter leaves the embedded default
/// (PostgreSQL, S3, a hosted pipeline, CloudFront): such a server sits behind a name that only configuration can
/// know, and links in e-mails must never come from a request's Host header.</summary>
internal sealed class PublicBaseUrlValidator(IConfiguration configuration) : IValidateOptions<StreamEngineOptions>
{
    private static readonly (string Key, string Embedded)[] Adapters =
    [
        ("StreamEngine:Database:Provider", "Sqlite"),
        ("StreamEngine:Storage:Provider", "Local"),
        ("StreamEngine:Pipeline:Provider", "Local"),
        ("StreamEngine:Delivery:Provider", "Local"),
    ];

    public ValidateOptionsResult Validate(string? name, StreamEngineOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            return
                Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri)
                && uri.Scheme is "http" or "https"
                && string.IsNullOrEmpty(uri.Query)
                && string.IsNullOrEmpty(uri.Fragment)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"{StreamEngineOptions.Section}:PublicBaseUrl must be an absolute http(s) URL without query or "
                        + $"fragment (was '{options.PublicBaseUrl}')."
                );
        }

        var deployed = Adapters
            .Where(a =>
                configuration[a.Key] is { Length: > 0 } value
                && !value.Equals(a.Embedded, StringComparison.OrdinalIgnoreCase)
            )
            .Select(a => a.Key)
            .ToList();
        return deployed.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{StreamEngineOptions.Section}:PublicBaseUrl is required outside the embedded default (set because of "
                    + string.Join(", ", deployed)
                    + "): e-mail links and media URLs are built on it."
            );
    }
}
