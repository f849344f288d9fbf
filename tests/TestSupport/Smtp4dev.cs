using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace StreamEngine.TestSupport;

/// <summary>Reads what the real SMTP server (smtp4dev) received, through its HTTP API.</summary>
public sealed class Smtp4dev : IDisposable
{
    private readonly HttpClient _http = new()
    {
        BaseAddress = new Uri(TestEnvironment.Require(TestEnvironment.Smtp4devApi)),
    };

    public static IDictionary<string, string?> ServerSettings()
    {
        var smtp = TestEnvironment.Require(TestEnvironment.Smtp).Split(':');
        return new Dictionary<string, string?>
        {
            ["StreamEngine:Email:Provider"] = "Smtp",
            ["StreamEngine:Email:Host"] = smtp[0],
            ["StreamEngine:Email:Port"] = smtp[1],
            ["StreamEngine:Email:TlsMode"] = "None",
        };
    }

    /// <summary>Waits for the newest message to <paramref name="recipient"/> and returns its plain text and
    /// subject.</summary>
    public async Task<(string Subject, string Text)> WaitForMessageAsync(
        string recipient,
        TimeSpan timeout,
        int skip = 0
    )
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var page = await _http.GetFromJsonAsync<JsonNode>("/api/messages?pageSize=500");
            var items = (page?["results"] as JsonArray ?? page as JsonArray ?? [])
                .OfType<JsonNode>()
                .Where(m =>
                    (m["to"] as JsonArray)?.Any(t =>
                        string.Equals(t?.GetValue<string>(), recipient, StringComparison.OrdinalIgnoreCase)
                    ) == true
                )
                .OrderBy(m => m["receivedDate"]?.GetValue<DateTime>())
                .ToList();
            if (items.Count > skip)
            {
                var message = items[^1];
                var id = message["id"]!.GetValue<string>();
                var text = await _http.GetStringAsync($"/api/messages/{id}/plaintext");
                return (message["subject"]!.GetValue<string>(), text);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No message to {recipient} reached smtp4dev within {timeout}.");
            }

            await Task.Delay(200);
        }
    }

    public void Dispose() => _http.Dispose();
}
