using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Webhooks;
using StreamEngine.Infrastructure.Persistence;

namespace StreamEngine.Infrastructure.Webhooks;

/// <summary>Drains the outbox into deliveries (one per subscribed endpoint, in one transaction with the message's
/// removal), then sends every due delivery: in parallel up to a bound, at most a few at a time per endpoint, so a slow
/// or dead endpoint only delays itself. At-least-once: a delivery is sent, then recorded; a crash between the two sends
/// it again with the same event id.</summary>
public sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes,
    WebhookSender sender,
    IClock clock,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDispatcher> logger
) : BackgroundService
{
    private const int Batch = 100;
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _perEndpoint = new();
    private readonly ConcurrentDictionary<Guid, byte> _inFlight = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var global = new SemaphoreSlim(options.Value.MaxConcurrency);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FanOutAsync(stoppingToken);
                await SendDueAsync(global, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or TimeoutException)
            {
                LogPassFailed(logger, ex);
            }

            await Task.Delay(options.Value.PollInterval, stoppingToken)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Turns outbox messages into deliveries for the endpoints that want them.</summary>
    internal async Task FanOutAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var messages = await db.OutboxMessages.OrderBy(m => m.OccurredAt).Take(Batch).ToListAsync(ct);
        if (messages.Count == 0)
        {
            return;
        }

        var owners = messages.Select(m => m.OwnerId).Distinct().ToList();
        var endpoints = await db.WebhookEndpoints.Where(e => owners.Contains(e.OwnerId)).ToListAsync(ct);
        var now = clock.UtcNow;
        foreach (var message in messages)
        {
            foreach (var endpoint in endpoints.Where(e => e.OwnerId == message.OwnerId && e.Wants(message.Type)))
            {
                db.WebhookDeliveries.Add(WebhookDelivery.For(endpoint, message.Id, message.Type, message.Body, now));
            }
        }

        db.OutboxMessages.RemoveRange(messages);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance fanned the same messages out first (its deliveries exist, the messages are gone).
            return;
        }

        // Finished deliveries are kept for the log a while, then removed.
        var horizon = now - options.Value.LogRetention;
        await db
            .WebhookDeliveries.Where(d => d.Status != WebhookDeliveryStatus.Pending && d.CompletedAt < horizon)
            .ExecuteDeleteAsync(ct);
    }

    /// <summary>Starts every due delivery not already in flight, within the bounds; does not wait for slow
    /// ones.</summary>
    internal async Task SendDueAsync(SemaphoreSlim global, CancellationToken ct)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = clock.UtcNow;
            due = await db
                .WebhookDeliveries.AsNoTracking()
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now)
                .OrderBy(d => d.NextAttemptAt)
                .Select(d => d.Id)
                .Take(Batch)
                .ToListAsync(ct);
        }

        foreach (var id in due.Where(id => _inFlight.TryAdd(id, 0)))
        {
            await global.WaitAsync(ct);
            _ = Task.Run(
                async () =>
                {
                    try
                    {
                        await AttemptAsync(id, ct);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        LogAttemptCrashed(logger, id, ex);
                    }
                    finally
                    {
                        _inFlight.TryRemove(id, out _);
                        global.Release();
                    }
                },
                CancellationToken.None
            );
        }
    }

    private async Task AttemptAsync(Guid deliveryId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var delivery = await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == deliveryId, ct);
        var endpoint = delivery is null
            ? null
            : await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == delivery.EndpointId, ct);
        if (delivery is not { Status: WebhookDeliveryStatus.Pending } || endpoint is null)
        {
            return;
        }

        var gate = _perEndpoint.GetOrAdd(endpoint.Id, _ => new SemaphoreSlim(options.Value.PerEndpointConcurrency));
        await gate.WaitAsync(ct);
        try
        {
            // Lease it: only while it is still due, and only from the value read, so an instance that read it
            // before or after another's lease finds it moved (or not due) and leaves it alone.
            var due = delivery.NextAttemptAt;
            var now = clock.UtcNow;
            var leasedUntil = now + options.Value.Timeout * 2 + TimeSpan.FromSeconds(5);
            var claimed = await db
                .WebhookDeliveries.Where(d =>
                    d.Id == deliveryId
                    && d.Status == WebhookDeliveryStatus.Pending
                    && d.NextAttemptAt == due
                    && d.NextAttemptAt <= now
                )
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.NextAttemptAt, leasedUntil), ct);
            if (claimed == 0)
            {
                return;
            }

            var outcome = await sender.SendAsync(endpoint, delivery, ct);
            now = clock.UtcNow;
            if (outcome.Succeeded)
            {
                delivery.Succeeded(outcome.StatusCode!.Value, now);
            }
            else
            {
                delivery.AttemptFailed(outcome.StatusCode, outcome.Error, now, RetryAt(delivery, now));
            }

            await db.SaveChangesAsync(CancellationToken.None);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Exponential back-off with full jitter from the first retry delay, capped at an hour, until the retry
    /// window since the delivery was created is spent.</summary>
    private DateTimeOffset? RetryAt(WebhookDelivery delivery, DateTimeOffset now)
    {
        var first = options.Value.FirstRetryDelay;
        var exponential = first * Math.Pow(2, Math.Min(delivery.Attempts, 20));
        var capped = exponential > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : exponential;
        var delay = first + (capped - first) * Random.Shared.NextDouble();
        var next = now + delay;
        return next - delivery.CreatedAt > options.Value.RetryWindow ? null : next;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A webhook dispatch pass failed; the next pass retries.")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery {DeliveryId} crashed; it stays due.")]
    private static partial void LogAttemptCrashed(ILogger logger, Guid deliveryId, Exception exception);
}
