namespace StreamEngine.Domain.Webhooks;

public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending,

    /// <summary>The endpoint answered 2xx.</summary>
    Delivered,

    /// <summary>Every attempt in the retry window failed.</summary>
    Failed,
}

/// <summary>One event for one endpoint: the exact body sent on every attempt (so its id and content never change), and
/// how the attempts went.</summary>
public sealed class WebhookDelivery
{
    public const int MaxErrorLength = 300;

    private WebhookDelivery() { }

    public Guid Id { get; private set; }

    public Guid EndpointId { get; private set; }

    public Guid OwnerId { get; private set; }

    /// <summary>The event's id: the same in every delivery of that event, to every endpoint.</summary>
    public Guid EventId { get; private set; }

    public string EventType { get; private set; } = string.Empty;

    public string Body { get; private set; } = string.Empty;

    public WebhookDeliveryStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public int? LastResponseCode { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public static WebhookDelivery For(
        WebhookEndpoint endpoint,
        Guid eventId,
        string eventType,
        string body,
        DateTimeOffset now
    ) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            EndpointId = endpoint.Id,
            OwnerId = endpoint.OwnerId,
            EventId = eventId,
            EventType = eventType,
            Body = body,
            Status = WebhookDeliveryStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        };

    public void Succeeded(int statusCode, DateTimeOffset now)
    {
        Attempts++;
        LastResponseCode = statusCode;
        LastError = null;
        Status = WebhookDeliveryStatus.Delivered;
        CompletedAt = now;
    }

    /// <summary>A failed attempt: tried again at <paramref name="retryAt"/>, or failed for good when it is
    /// null.</summary>
    public void AttemptFailed(int? statusCode, string error, DateTimeOffset now, DateTimeOffset? retryAt)
    {
        Attempts++;
        LastResponseCode = statusCode;
        LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        if (retryAt is { } next)
        {
            NextAttemptAt = next;
        }
        else
        {
            Status = WebhookDeliveryStatus.Failed;
            CompletedAt = now;
        }
    }

    /// <summary>Sends it again now (the same id and body), whatever happened before.</summary>
    public void Redeliver(DateTimeOffset now)
    {
        Status = WebhookDeliveryStatus.Pending;
        NextAttemptAt = now;
        CompletedAt = null;
    }
}
