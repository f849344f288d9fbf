namespace StreamEngine.Infrastructure.Webhooks;

/// <summary>An event written in the same transaction as the change it reports (a transactional outbox): if the process
/// dies after the commit, the dispatcher still finds it. Its id is the event's id in every delivery.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    public string Type { get; set; } = string.Empty;

    public Guid OwnerId { get; set; }

    /// <summary>The event's JSON body, exactly as endpoints receive it.</summary>
    public string Body { get; set; } = string.Empty;

    public DateTimeOffset OccurredAt { get; set; }
}
