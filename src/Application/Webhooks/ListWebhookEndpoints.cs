using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Webhooks;

namespace StreamEngine.Application.Webhooks;

/// <summary>The caller's endpoints (at most <see cref="WebhookEndpoint.MaxPerOwner"/>), oldest first.</summary>
public sealed class ListWebhookEndpoints(IWebhookStore webhooks, RequireUser signedIn)
{
    public Task<Result<IReadOnlyList<WebhookEndpoint>>> Handle(CancellationToken ct) =>
        signedIn.Run<IReadOnlyList<WebhookEndpoint>>(async userId =>
            Result<IReadOnlyList<WebhookEndpoint>>.Success(await webhooks.EndpointsAsync(userId, ct))
        );
}
