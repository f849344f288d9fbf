using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Webhooks;

namespace StreamEngine.Application.Webhooks;

/// <summary>Gives an endpoint a new secret (shown once); deliveries carry signatures by both secrets for a day, so a
/// receiver can switch without missing one.</summary>
public sealed class RotateWebhookSecret(IWebhookStore webhooks, OwnedWebhook owned, IClock clock)
{
    public static readonly TimeSpan Overlap = TimeSpan.FromHours(24);

    public async Task<Result<WebhookEndpoint>> Handle(Guid id, CancellationToken ct)
    {
        var endpoint = await owned.FindAsync(id, ct);
        if (!endpoint.Succeeded)
        {
            return endpoint;
        }

        var now = clock.UtcNow;
        endpoint.Value.Rotate(WebhookRules.NewSecret(), now, now + Overlap);
        await webhooks.SaveAsync(ct);
        return endpoint.Value;
    }
}
