using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Webhooks;

namespace StreamEngine.Application.Webhooks;

public sealed record UpdateWebhookEndpointRequest(Guid Id, string? Url, IReadOnlyCollection<string>? Events);

/// <summary>Changes an endpoint's URL or events; what is left out stays.</summary>
public sealed class UpdateWebhookEndpoint(
    IWebhookStore webhooks,
    OwnedWebhook owned,
    IWebhookTargetPolicy policy,
    IClock clock
)
{
    public async Task<Result<WebhookEndpoint>> Handle(UpdateWebhookEndpointRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var endpoint = await owned.FindAsync(request.Id, ct);
        if (!endpoint.Succeeded)
        {
            return endpoint;
        }

        if (request.Events is not null && WebhookRules.CheckEvents(request.Events) is { } invalidEvents)
        {
            return invalidEvents;
        }

        if (request.Url is not null && await WebhookRules.CheckUrlAsync(request.Url, policy, ct) is { } invalidUrl)
        {
            return invalidUrl;
        }

        endpoint.Value.Update(request.Url, request.Events, clock.UtcNow);
        await webhooks.SaveAsync(ct);
        return endpoint.Value;
    }
}
