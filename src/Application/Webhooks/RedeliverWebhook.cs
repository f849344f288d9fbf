using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Webhooks;

namespace StreamEngine.Application.Webhooks;

/// <summary>Sends a delivery again now, with the same event id and body (a receiver deduplicates by the id).</summary>
public sealed class RedeliverWebhook(IWebhookStore webhooks, OwnedWebhook owned, IClock clock)
{
    public async Task<Result<WebhookDelivery>> Handle(Guid deliveryId, CancellationToken ct)
    {
        if (await webhooks.FindDeliveryAsync(deliveryId, ct) is not { } delivery)
        {
            return WebhookErrors.DeliveryNotFound;
        }

        var endpoint = await owned.FindAsync(delivery.EndpointId, ct);
        if (!endpoint.Succeeded)
        {
            return endpoint.Errors[0].Code == WebhookErrors.EndpointNotFound.Code
                ? WebhookErrors.DeliveryNotFound
                : Result<WebhookDelivery>.Failure(endpoint.Errors);
        }

        delivery.Redeliver(clock.UtcNow);
        await webhooks.SaveAsync(ct);
        return delivery;
    }
}
