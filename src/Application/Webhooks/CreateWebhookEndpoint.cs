using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Webhooks;

namespace StreamEngine.Application.Webhooks;

public sealed record CreateWebhookEndpointRequest(string? Url, IReadOnlyCollection<string>? Events);

/// <summary>Registers a URL for some of the caller's video events; the result carries the secret, shown this
/// once.</summary>
public sealed class CreateWebhookEndpoint(
    IWebhookStore webhooks,
    IWebhookTargetPolicy policy,
    RequireUser signedIn,
    IClock clock
)
{
    public Task<Result<WebhookEndpoint>> Handle(CreateWebhookEndpointRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return signedIn.Run<WebhookEndpoint>(async userId =>
        {
            if (WebhookRules.CheckEvents(request.Events) is { } invalidEvents)
            {
                return invalidEvents;
            }

            if (await WebhookRules.CheckUrlAsync(request.Url, policy, ct) is { } invalidUrl)
            {
                return invalidUrl;
            }

            if ((await webhooks.EndpointsAsync(userId, ct)).Count >= WebhookEndpoint.MaxPerOwner)
            {
                return WebhookErrors.TooManyEndpoints;
            }

            var endpoint = WebhookEndpoint.Create(
                userId,
                request.Url!,
                request.Events!,
                WebhookRules.NewSecret(),
                clock.UtcNow
            );
            await webhooks.AddEndpointAsync(endpoint, ct);
            return endpoint;
        });
    }
}
