using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Videos;
using StreamEngine.Domain.Webhooks;

namespace StreamEngine.Infrastructure.Webhooks;

/// <summary>Adds an outbox message for every video created, moved to PROCESSING, READY or FAILED, or deleted, to the
/// same SaveChanges (so the same transaction) that makes the change: no event is lost between a commit and a send,
/// whichever pipeline or use case changed the video.</summary>
public sealed class VideoOutboxInterceptor(IClock clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        AddMessages(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(eventData);
        AddMessages(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddMessages(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = clock.UtcNow;
        var messages = context
            .ChangeTracker.Entries<Video>()
            .Select(entry => (Entry: entry, Type: EventType(entry)))
            .Where(x => x.Type is not null)
            .Select(x => Message(x.Entry.Entity, x.Type!, now))
            .ToList();
        if (messages.Count > 0)
        {
            context.Set<OutboxMessage>().AddRange(messages);
        }
    }

    private static string? EventType(EntityEntry<Video> entry) =>
        entry.State switch
        {
            EntityState.Added => WebhookEvents.VideoCreated,
            EntityState.Deleted => WebhookEvents.VideoDeleted,
            EntityState.Modified when StatusChanged(entry) => StatusEvent(entry.Entity.Status),
            EntityState.Modified when BecamePlayable(entry) => WebhookEvents.VideoPlayable,
            _ => null,
        };

    private static bool BecamePlayable(EntityEntry<Video> entry) =>
        entry.Property(v => v.PlayableWhileProcessing) is { IsModified: true, OriginalValue: false } playable
        && playable.CurrentValue;

    private static bool StatusChanged(EntityEntry<Video> entry) =>
        entry.Property(v => v.Status) is { IsModified: true } status
        && !Equals(status.OriginalValue, status.CurrentValue);

    private static string? StatusEvent(VideoStatus status) =>
        status switch
        {
            VideoStatus.Processing => WebhookEvents.VideoProcessing,
            VideoStatus.Ready => WebhookEvents.VideoReady,
            VideoStatus.Failed => WebhookEvents.VideoFailed,
            _ => null,
        };

    private static OutboxMessage Message(Video video, string type, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        var body = JsonSerializer.Serialize(
            new
            {
                id,
                type,
                createdAt = now,
                data = new
                {
                    id = GlobalId.Of(NodeTypes.Video, video.Id),
                    title = video.Title,
                    description = video.Description,
                    visibility = ContractName(video.Visibility.ToString()),
                    status = ContractName(video.Status.ToString()),
                    playable = video.IsPlayable,
                    failureReason = video.FailureReason,
                    durationSeconds = video.DurationSeconds,
                    width = video.Width,
                    height = video.Height,
                    createdAt = video.CreatedAt,
                    publishedAt = video.PublishedAt,
                },
            }
        );
        return new OutboxMessage
        {
            Id = id,
            Type = type,
            OwnerId = video.OwnerId,
            Body = body,
            OccurredAt = now,
        };
    }

    /// <summary>An enum member as the GraphQL contract spells it: AwaitingUpload → AWAITING_UPLOAD.</summary>
    private static string ContractName(string member) =>
        string.Concat(member.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}
