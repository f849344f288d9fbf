using StreamEngine.Application.Common;
using StreamEngine.Domain.Webhooks;

namespace StreamEngine.Application.Webhooks;

public static class WebhookErrors
{
    public static readonly Error EndpointNotFound = new(
        "WEBHOOK_NOT_FOUND",
        "No such webhook endpoint of yours.",
        Kind: ErrorKind.NotFound
    );
    public static readonly Error DeliveryNotFound = new(
        "WEBHOOK_DELIVERY_NOT_FOUND",
        "No such webhook delivery of yours.",
        Kind: ErrorKind.NotFound
    );
    public static readonly Error InvalidUrl = new(
        "INVALID_WEBHOOK_URL",
        $"A webhook URL is an absolute https URL of at most {WebhookEndpoint.MaxUrlLength} characters, without "
            + "user information.",
        "url"
    );
    public static readonly Error UrlNotAllowed = new(
        "WEBHOOK_URL_NOT_ALLOWED",
        "The URL does not resolve to public addresses only (loopback, private, link-local and metadata addresses "
            + "are refused).",
        "url"
    );
    public static readonly Error InvalidEvents = new(
        "INVALID_WEBHOOK_EVENTS",
        $"Events are one or more of: {string.Join(", ", WebhookEvents.All.Order(StringComparer.Ordinal))}.",
        "events"
    );
    public static readonly Error TooManyEndpoints = new(
        "QUOTA_EXCEEDED",
        $"An account has at most {WebhookEndpoint.MaxPerOwner} webhook endpoints.",
        Kind: ErrorKind.Conflict
    );
}
