using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Webhooks;

namespace StreamEngine.Infrastructure.Webhooks;

public sealed record WebhookSendOutcome(bool Succeeded, int? StatusCode, string Error);

/// <summary>One POST of a delivery: signed, redirects not followed, connections only to allowed addresses, the answer
/// read to 4 KiB at most and within the timeout.</summary>
public sealed class WebhookSender : IDisposable
{
    private const int MaxResponseBytes = 4096;
    private readonly HttpClient _http;
    private readonly IClock _clock;

    public WebhookSender(IOptions<WebhookOptions> options, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clock = clock;
        var handler = GuardedConnect.Handler(options.Value.AllowPrivateAddresses);
        handler.MaxResponseHeadersLength = 16;
        _http = new HttpClient(handler) { Timeout = options.Value.Timeout };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("StreamEngine-Webhooks", "1"));
    }

    public async Task<WebhookSendOutcome> SendAsync(
        WebhookEndpoint endpoint,
        WebhookDelivery delivery,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(delivery);
        var now = _clock.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.EventIdHeader, delivery.EventId.ToString());
        request.Headers.Add(
            WebhookSignature.Header,
            WebhookSignature.Sign(endpoint.SigningSecrets(now), now.ToUnixTimeSeconds(), delivery.Body)
        );
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            await DrainAsync(response, ct);
            var code = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new WebhookSendOutcome(true, code, string.Empty)
                : new WebhookSendOutcome(false, code, $"HTTP {code.ToString(CultureInfo.InvariantCulture)}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new WebhookSendOutcome(false, null, ex.Message);
        }
    }

    /// <summary>Reads (and drops) at most a few KiB of the answer, so a huge or endless body costs nothing.</summary>
    private static async Task DrainAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[MaxResponseBytes];
        var total = 0;
        int read;
        while (total < MaxResponseBytes && (read = await body.ReadAsync(buffer.AsMemory(total), ct)) > 0)
        {
            total += read;
        }
    }

    public void Dispose() => _http.Dispose();
}
