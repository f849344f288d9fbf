using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Users;

namespace StreamEngine.Infrastructure.Email;

/// <summary>Runs <see cref="SendPasswordResetMail"/> for queued requests, one at a time, each in its own scope.
/// Bounded: past <see cref="Capacity"/> waiting requests the oldest is dropped (a flood must not grow memory; a person
/// asks again).</summary>
internal sealed class PasswordResetQueue(IServiceScopeFactory scopes, ILogger<PasswordResetQueue> logger)
    : BackgroundService,
        IPasswordResetRequests
{
    public const int Capacity = 10_000;

    private static readonly TimeSpan SettleDelay = TimeSpan.FromMilliseconds(50);

    private readonly Channel<EmailAddress> _queue = Channel.CreateBounded<EmailAddress>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true }
    );

    public void Enqueue(EmailAddress email) => _queue.Writer.TryWrite(email);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            // Work starts a moment after the request that queued it has answered, so it does not compete with that
            // answer for the CPU (which would make known addresses answer measurably slower); then the whole batch.
            await Task.Delay(SettleDelay, stoppingToken);
            while (_queue.Reader.TryRead(out var email))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope
                        .ServiceProvider.GetRequiredService<SendPasswordResetMail>()
                        .Handle(email, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The address is personal data: not logged.
                    logger.LogError(ex, "A password-reset request could not be handled");
                }
            }
        }
    }
}
