using StreamEngine.Domain.Webhooks;

namespace StreamEngine.Application.Abstractions;

/// <summary>Webhook endpoints and their deliveries; each write is one transaction.</summary>
public interface IWebhookStore
{
    Task<WebhookEndpoint?> FindEndpointAsync(Guid id, CancellationToken ct);

    Task<IReadOnlyList<WebhookEndpoint>> EndpointsAsync(Guid ownerId, CancellationToken ct);

    Task AddEndpointAsync(WebhookEndpoint endpoint, CancellationToken ct);

    /// <summary>Saves changes to endpoints or deliveries read from this store.</summary>
    Task SaveAsync(CancellationToken ct);

    /// <summary>Deletes an endpoint with its deliveries.</summary>
    Task DeleteEndpointAsync(WebhookEndpoint endpoint, CancellationToken ct);

    Task<WebhookDelivery?> FindDeliveryAsync(Guid id, CancellationToken ct);

    /// <summary>An endpoint's deliveries, newest first.</summary>
    Task<Page<WebhookDelivery>> DeliveriesAsync(Guid endpointId, PageRequest page, CancellationToken ct);
}

/// <summary>Whether a URL may receive webhooks (and imports): https, resolving to public addresses only, unless the
/// deployment allows private targets for development.</summary>
public interface IWebhookTargetPolicy
{
    Task<bool> IsAllowedAsync(Uri url, CancellationToken ct);
}
