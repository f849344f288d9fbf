using Microsoft.EntityFrameworkCore;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Webhooks;
using StreamEngine.Infrastructure.Persistence;

namespace StreamEngine.Infrastructure.Webhooks;

internal sealed class EfWebhookStore(AppDbContext db) : IWebhookStore
{
    public Task<WebhookEndpoint?> FindEndpointAsync(Guid id, CancellationToken ct) =>
        db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id, ct);

    public async Task<IReadOnlyList<WebhookEndpoint>> EndpointsAsync(Guid ownerId, CancellationToken ct) =>
        await db.WebhookEndpoints.Where(e => e.OwnerId == ownerId).OrderBy(e => e.CreatedAt).ToListAsync(ct);

    public async Task AddEndpointAsync(WebhookEndpoint endpoint, CancellationToken ct)
    {
        db.WebhookEndpoints.Add(endpoint);
        await EfSave.SaveAsync(db, ct);
    }

    public Task SaveAsync(CancellationToken ct) => EfSave.SaveAsync(db, ct);

    public async Task DeleteEndpointAsync(WebhookEndpoint endpoint, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        await db.WebhookDeliveries.Where(d => d.EndpointId == endpoint.Id).ExecuteDeleteAsync(ct);
        db.WebhookEndpoints.Remove(endpoint);
        await EfSave.SaveAsync(db, ct);
    }

    public Task<WebhookDelivery?> FindDeliveryAsync(Guid id, CancellationToken ct) =>
        db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == id, ct);

    public Task<Page<WebhookDelivery>> DeliveriesAsync(Guid endpointId, PageRequest page, CancellationToken ct) =>
        Keyset.PageAsync(
            db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId),
            Keys.Created,
            Keys.Id,
            true,
            page,
            "webhook-deliveries",
            ct
        );

    private static class Keys
    {
        public static readonly System.Linq.Expressions.Expression<Func<WebhookDelivery, DateTimeOffset>> Created = d =>
            d.CreatedAt;
        public static readonly System.Linq.Expressions.Expression<Func<WebhookDelivery, Guid>> Id = d => d.Id;
    }
}
