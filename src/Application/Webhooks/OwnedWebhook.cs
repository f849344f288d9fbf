using System.Security.Cryptography;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Webhooks;

namespace StreamEngine.Application.Webhooks;

/// <summary>The caller's own endpoint, or why not (someone else's does not exist for them).</summary>
public sealed class OwnedWebhook(IWebhookStore webhooks, ICurrentUser caller)
{
    public async Task<Result<WebhookEndpoint>> FindAsync(Guid id, CancellationToken ct)
    {
        if (caller.UserId is not { } userId)
        {
            return AccountErrors.NotAuthenticated;
        }

        return await webhooks.FindEndpointAsync(id, ct) is { } endpoint && endpoint.OwnerId == userId
            ? endpoint
            : WebhookErrors.EndpointNotFound;
    }
}

/// <summary>The rules for an endpoint's URL and events, and its secrets.</summary>
internal static class WebhookRules
{
    public static async Task<Error?> CheckUrlAsync(string? url, IWebhookTargetPolicy policy, CancellationToken ct)
    {
        if (
            url is not { Length: > 0 and <= WebhookEndpoint.MaxUrlLength }
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http")
            || !string.IsNullOrEmpty(uri.UserInfo)
        )
        {
            return WebhookErrors.InvalidUrl;
        }

        return await policy.IsAllowedAsync(uri, ct) ? null : WebhookErrors.UrlNotAllowed;
    }

    public static Error? CheckEvents(IReadOnlyCollection<string>? events) =>
        events is { Count: > 0 } && events.All(WebhookEvents.All.Contains) ? null : WebhookErrors.InvalidEvents;

    /// <summary>A new secret: 32 random bytes, shown once.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
