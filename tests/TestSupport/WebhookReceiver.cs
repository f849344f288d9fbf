using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace StreamEngine.TestSupport;

/// <summary>A webhook receiver on loopback that records every POST (headers and raw body) and answers 500 to the
/// first <see cref="FailFirst"/> of them, then 204.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _seen;

    private WebhookReceiver(WebApplication app) => _app = app;

    public int FailFirst { get; set; }

    /// <summary>How long each answer takes (a slow endpoint).</summary>
    public TimeSpan Delay { get; set; }

    public Uri Url { get; private set; } = null!;

    public ConcurrentQueue<(string EventId, string Signature, string Body, int Answer)> Received { get; } = new();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost(
            "/hooks",
            async (HttpContext context) =>
            {
                await Task.Delay(receiver.Delay, context.RequestAborted);
                using var reader = new StreamReader(context.Request.Body);
                var body = await reader.ReadToEndAsync();
                var answer = Interlocked.Increment(ref receiver._seen) <= receiver.FailFirst ? 500 : 204;
                receiver.Received.Enqueue(
                    (
                        context.Request.Headers["StreamEngine-Event-Id"].ToString(),
                        context.Request.Headers["StreamEngine-Signature"].ToString(),
                        body,
                        answer
                    )
                );
                return Results.StatusCode(answer);
            }
        );
        await app.StartAsync();
        var address = app
            .Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hooks");
        return receiver;
    }

    /// <summary>Waits until <paramref name="count"/> requests arrived.</summary>
    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Received.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Received.Count} of {count} webhook requests arrived.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
