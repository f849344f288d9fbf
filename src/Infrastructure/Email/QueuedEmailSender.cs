using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Infrastructure.Email;

/// <summary>Takes messages off the request path: a request only queues its message, and a background service hands
/// it to the real sender (SMTP or the outbox) with a few retries. So an answer takes the same time whether a message
/// was sent or not, and a slow mail server never holds a request.</summary>
internal sealed class QueuedEmailSender(EmailDelivery delivery) : IEmailSender
{
    public Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        delivery.Enqueue(message);
        return Task.CompletedTask;
    }
}

/// <summary>The queue behind <see cref="QueuedEmailSender"/> and the service that drains it. Bounded: past
/// <see cref="Capacity"/> waiting messages the oldest is dropped and logged (a flood must not grow memory; codes can be
/// asked for again).</summary>
internal sealed class EmailDelivery(IEmailTransport transport, ILogger<EmailDelivery> logger) : BackgroundService
{
    public const int Capacity = 10_000;
    private static readonly TimeSpan[] Backoff =
    [
        TimeSpan.FromSeconds(1),
        TimeSpan.FromSeconds(5),
        TimeSpan.FromSeconds(30),
    ];

    private readonly Channel<EmailMessage> _queue = Channel.CreateBounded<EmailMessage>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true }
    );

    public void Enqueue(EmailMessage message) => _queue.Writer.TryWrite(message);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await transport.SendAsync(message, stoppingToken);
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException && attempt < Backoff.Length)
                {
                    logger.LogWarning(ex, "E-mail delivery failed (attempt {Attempt}); retrying", attempt + 1);
                    await Task.Delay(Backoff[attempt], stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The recipient's address is personal data and the body holds a secret: neither is logged.
                    logger.LogError(ex, "E-mail delivery failed for good after {Attempts} attempts", attempt + 1);
                    break;
                }
            }
        }
    }
}

/// <summary>The adapter that really delivers a message (SMTP or the outbox folder).</summary>
internal interface IEmailTransport
{
    Task SendAsync(EmailMessage message, CancellationToken ct);
}
