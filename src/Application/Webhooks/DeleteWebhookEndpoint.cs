using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;

namespace StreamEngine.Application.Webhooks;

/// <summary>Removes an endpoint and its delivery log; nothing more is sent to it.</summary>
public sealed class DeleteWebhookEndpoint(IWebhookStore webhooks, OwnedWebhook owned)
{
    public async Task<Result<Guid>> Handle(Guid id, CancellationToken ct)
    {
        var endpoint = await owned.FindAsync(id, ct);
        if (!endpoint.Succeeded)
        {
            return Result<Guid>.Failure(endpoint.Errors);
        }

        await webhooks.DeleteEndpointAsync(endpoint.Value, ct);
        return id;
    }
}
