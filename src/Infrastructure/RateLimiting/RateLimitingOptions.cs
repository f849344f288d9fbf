using Microsoft.Extensions.Options;

namespace StreamEngine.Infrastructure.RateLimiting;

/// <summary>Capacity and refill of one policy's buckets in configuration; the global bucket is optional.</summary>
public sealed class PolicySettings
{
    public double? GlobalCapacity { get; set; }

    public double? GlobalPerSecond { get; set; }

    public double ClientCapacity { get; set; }

    public double ClientPerSecond { get; set; }

    public RateLimitPolicy ToPolicy(string name) =>
        new(
            name,
            GlobalCapacity is { } capacity && GlobalPerSecond is { } rate ? new TokenBucket(capacity, rate) : null,
            new TokenBucket(ClientCapacity, ClientPerSecond)
        );
}

/// <summary>The <c>StreamEngine:RateLimiting</c> section.</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "StreamEngine:RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>When the shared store (Redis) cannot be reached: let requests through (counted and logged once per
    /// outage) or refuse them.</summary>
    public bool FailOpen { get; set; } = true;

    /// <summary>GraphQL operations over HTTP and WebSocket; each costs its computed complexity divided by
    /// <see cref="ComplexityPerToken"/> (at least 1, at most the client capacity).</summary>
    public PolicySettings GraphQL { get; set; } =
        new()
        {
            GlobalCapacity = 5000,
            GlobalPerSecond = 2500,
            ClientCapacity = 120,
            ClientPerSecond = 20,
        };

    /// <summary>Sign-in, registration, token refresh, verification and reset mutations, on top of GraphQL.</summary>
    public PolicySettings Authentication { get; set; } =
        new()
        {
            GlobalCapacity = 500,
            GlobalPerSecond = 100,
            ClientCapacity = 10,
            ClientPerSecond = 0.2,
        };

    /// <summary>createVideoUpload, on top of GraphQL.</summary>
    public PolicySettings Uploads { get; set; } = new() { ClientCapacity = 20, ClientPerSecond = 0.1 };

    /// <summary>Media delivery and part uploads: players fetch many segments in bursts when the viewer seeks or
    /// switches quality.</summary>
    public PolicySettings Media { get; set; } =
        new()
        {
            GlobalCapacity = 50000,
            GlobalPerSecond = 20000,
            ClientCapacity = 600,
            ClientPerSecond = 100,
        };

    /// <summary>The original design's numbers, available by name: global 5/s, per client 2/s, bursts up to
    /// those.</summary>
    public PolicySettings Original { get; set; } =
        new()
        {
            GlobalCapacity = 5,
            GlobalPerSecond = 5,
            ClientCapacity = 2,
            ClientPerSecond = 2,
        };

    /// <summary>Which settings the GraphQL policy uses: <c>GraphQL</c> (default) or <c>Original</c>.</summary>
    public string GraphQLPolicy { get; set; } = "GraphQL";

    public double ComplexityPerToken { get; set; } = 50;

    public RateLimitPolicy GraphQLOperations =>
        (GraphQLPolicy.Equals("Original", StringComparison.OrdinalIgnoreCase) ? Original : GraphQL).ToPolicy("graphql");

    public RateLimitPolicy AuthenticationMutations => Authentication.ToPolicy("auth");

    public RateLimitPolicy UploadCreation => Uploads.ToPolicy("upload");

    public RateLimitPolicy MediaDelivery => Media.ToPolicy("media");
}

internal sealed class RateLimitingOptionsValidator : IValidateOptions<RateLimitingOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitingOptions options)
    {
        var failures = new List<string>();
        foreach (
            var (key, settings) in new[]
            {
                ("GraphQL", options.GraphQL),
                ("Authentication", options.Authentication),
                ("Uploads", options.Uploads),
                ("Media", options.Media),
                ("Original", options.Original),
            }
        )
        {
            if (settings.ClientCapacity < 1 || settings.ClientPerSecond <= 0)
            {
                failures.Add(
                    $"{RateLimitingOptions.Section}:{key}:ClientCapacity must be at least 1 and ClientPerSecond "
                        + "positive."
                );
            }

            if (
                (settings.GlobalCapacity is null) != (settings.GlobalPerSecond is null)
                || settings.GlobalCapacity < 1
                || settings.GlobalPerSecond <= 0
            )
            {
                failures.Add(
                    $"{RateLimitingOptions.Section}:{key}:GlobalCapacity and GlobalPerSecond go together, at least "
                        + "1 and positive."
                );
            }
        }

        if (
            !options.GraphQLPolicy.Equals("GraphQL", StringComparison.OrdinalIgnoreCase)
            && !options.GraphQLPolicy.Equals("Original", StringComparison.OrdinalIgnoreCase)
        )
        {
            failures.Add($"{RateLimitingOptions.Section}:GraphQLPolicy must be GraphQL or Original.");
        }

        if (options.ComplexityPerToken <= 0)
        {
            failures.Add($"{RateLimitingOptions.Section}:ComplexityPerToken must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
