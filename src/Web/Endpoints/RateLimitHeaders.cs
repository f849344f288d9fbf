using System.Globalization;
using StreamEngine.Infrastructure.RateLimiting;

namespace StreamEngine.Web.Endpoints;

/// <summary>The IETF draft's RateLimit-Policy and RateLimit fields (and Retry-After on a refusal).</summary>
public static class RateLimitHeaders
{
    public static void Apply(HttpResponse response, RateLimitDecision decision)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(decision);
        var bucket = decision.Policy.Client;
        var name = decision.Policy.Name;
        response.Headers["RateLimit-Policy"] = string.Create(
            CultureInfo.InvariantCulture,
            $"\"{name}\";q={Math.Floor(bucket.Capacity)};w={Math.Max(1, (int)Math.Ceiling(bucket.WindowSeconds))}"
        );
        var reset = decision.Allowed
            ? (int)Math.Ceiling(Math.Max(0, bucket.Capacity - decision.ClientRemaining) / bucket.RefillPerSecond)
            : (int)Math.Ceiling(decision.RetryAfter.TotalSeconds);
        response.Headers["RateLimit"] = string.Create(
            CultureInfo.InvariantCulture,
            $"\"{name}\";r={Math.Max(0, Math.Floor(decision.ClientRemaining))};t={Math.Max(0, reset)}"
        );
        if (!decision.Allowed)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds))
                .ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>An endpoint filter that takes one token of <paramref name="select"/>'s policy per request, keyed by
    /// the client's address, and answers 429 when refused.</summary>
    public static TBuilder RequireRateLimit<TBuilder>(
        this TBuilder builder,
        Func<RateLimitingOptions, RateLimitPolicy> select
    )
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(
            async (context, next) =>
            {
                var http = context.HttpContext;
                var options = http
                    .RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RateLimitingOptions>>()
                    .Value;
                if (!options.Enabled)
                {
                    return await next(context);
                }

                var limiter = http.RequestServices.GetRequiredService<IRateLimiter>();
                var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                var decision = await limiter.TryAcquireAsync(select(options), client, 1, http.RequestAborted);
                Apply(http.Response, decision);
                if (!decision.Allowed)
                {
                    http.RequestServices.GetRequiredService<Telemetry.SecurityMetrics>()
                        .RateLimited(decision.Policy.Name);
                }

                return decision.Allowed
                    ? await next(context)
                    : Results.Problem(
                        statusCode: StatusCodes.Status429TooManyRequests,
                        title: "RATE_LIMITED",
                        detail: $"Too many requests; retry in {http.Response.Headers.RetryAfter} second(s).",
                        extensions: new Dictionary<string, object?> { ["code"] = "RATE_LIMITED" }
                    );
            }
        );
        return builder;
    }
}
