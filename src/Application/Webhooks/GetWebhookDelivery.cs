using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Webhooks;

namespace StreamEngine.Application.Webhooks;

/// <summary>One delivery of the caller's own endpoints, else null.</summary>
public sealed class GetWebhookDelivery(IWebhookStore webhooks, OwnedWebhook owned)
{
    public async Task<WebhookDelivery?> Handle(Guid id, CancellationToken ct) =>
        await webhooks.FindDeliveryAsync(id, ct) is { } delivery
        && (await owned.FindAsync(delivery.EndpointId, ct)).Succeeded
            ? delivery
            : null;
}
