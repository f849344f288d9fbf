using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Webhooks;

namespace StreamEngine.Fakes;

public sealed class InMemoryWebhooks : IWebhookStore
{
    public List<WebhookEndpoint> Endpoints { get; } = [];

    public List<WebhookDelivery> Deliveries { get; } = [];

    public int Saves { get; private set; }

    public Task<WebhookEndpoint?> FindEndpointAsync(Guid id, CancellationToken ct) =>
        Task.FromResult(Endpoints.FirstOrDefault(e => e.Id == id));

    public Task<IReadOnlyList<WebhookEndpoint>> EndpointsAsync(Guid ownerId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<WebhookEndpoint>>([.. Endpoints.Where(e => e.OwnerId == ownerId)]);

    public Task AddEndpointAsync(WebhookEndpoint endpoint, CancellationToken ct)
    {
        Endpoints.Add(endpoint);
        Saves++;
        return Task.CompletedTask;
    }

    public Task SaveAsync(CancellationToken ct)
    {
        Saves++;
        return Task.CompletedTask;
    }

    public Task DeleteEndpointAsync(WebhookEndpoint endpoint, CancellationToken ct)
    {
        Endpoints.Remove(endpoint);
        Deliveries.RemoveAll(d => d.EndpointId == endpoint.Id);
        Saves++;
        return Task.CompletedTask;
    }

    public Task<WebhookDelivery?> FindDeliveryAsync(Guid id, CancellationToken ct) =>
        Task.FromResult(Deliveries.FirstOrDefault(d => d.Id == id));

    public Task<Page<WebhookDelivery>> DeliveriesAsync(Guid endpointId, PageRequest page, CancellationToken ct) =>
        Task.FromResult(
            FakePages.Of(Deliveries.Where(d => d.EndpointId == endpointId).OrderByDescending(d => d.CreatedAt), page)
        );
}

/// <summary>Allows every URL except those whose host is listed as private.</summary>
public sealed class FakeTargetPolicy : IWebhookTargetPolicy
{
    public HashSet<string> PrivateHosts { get; } = new(StringComparer.OrdinalIgnoreCase) { "127.0.0.1", "localhost" };

    public Task<bool> IsAllowedAsync(Uri url, CancellationToken ct) =>
        Task.FromResult(!PrivateHosts.Contains(url.Host));
}

public sealed class InMemoryVideoImports : IVideoImportStore
{
    public List<Domain.Videos.VideoImport> All { get; } = [];

    public void AddImport(Domain.Videos.VideoImport import) => All.Add(import);

    public Task<int> PendingCountAsync(Guid ownerId, CancellationToken ct) =>
        Task.FromResult(All.Count(i => i.OwnerId == ownerId));
}
