using System.Globalization;
using GraphQL.Validation;
using StreamEngine.Infrastructure.RateLimiting;

namespace StreamEngine.Web.GraphQL.Transport;

/// <summary>A request refused by a rate-limit policy: <c>extensions.code = RATE_LIMITED</c> with
/// <c>retryAfterSeconds</c>; over HTTP it also becomes a 429 with Retry-After and RateLimit headers.</summary>
public sealed class RateLimitedError : ValidationError
{
    public RateLimitedError(RateLimitDecision decision)
        : base(
            string.Create(CultureInfo.InvariantCulture, $"Too many requests ({decision?.Policy.Name} policy); ")
                + string.Create(CultureInfo.InvariantCulture, $"retry in {RetryAfterSeconds(decision!)} second(s).")
        )
    {
        Decision = decision!;
        Code = "RATE_LIMITED";
        Data["retryAfterSeconds"] = RetryAfterSeconds(decision!);
        Data["policy"] = decision!.Policy.Name;
    }

    public RateLimitDecision Decision { get; }

    public static int RetryAfterSeconds(RateLimitDecision decision) =>
        Math.Max(1, (int)Math.Ceiling(decision?.RetryAfter.TotalSeconds ?? 1));
}
