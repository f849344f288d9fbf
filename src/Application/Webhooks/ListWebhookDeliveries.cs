using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Engagement;
using StreamEngine.Domain.Webhooks;

namespace StreamEngine.Application.Webhooks;

public sealed record ListWebhookDeliveriesRequest(Guid EndpointId, PageRequest Page);

/// <summary>An endpoint's delivery log, newest first: status, attempts, last response code.</summary>
public sealed class ListWebhookDeliveries(IWebhookStore webhooks, OwnedWebhook owned)
{
    public async Task<Result<Page<WebhookDelivery>>> Handle(ListWebhookDeliveriesRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var endpoint = await owned.FindAsync(request.EndpointId, ct);
        return endpoint.Succeeded
            ? await Pages.RunAsync(request.Page, () => webhooks.DeliveriesAsync(request.EndpointId, request.Page, ct))
            : Result<Page<WebhookDelivery>>.Failure(endpoint.Errors);
    }
}
