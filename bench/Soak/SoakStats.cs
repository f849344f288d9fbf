using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using static StreamEngine.Bench.Table;

namespace StreamEngine.Bench.Soak;

/// <summary>What the soak's clients saw: the time of every operation that succeeded, and every failure by operation
/// and code (an HTTP status, a GraphQL error code, or the exception's type).</summary>
internal sealed class SoakStats
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _times = new();
    private readonly ConcurrentDictionary<string, int> _errors = new();
    private readonly ConcurrentDictionary<string, int> _counts = new();

    public void Time(string operation, double milliseconds) =>
        _times.GetOrAdd(operation, _ => new ConcurrentQueue<double>()).Enqueue(milliseconds);

    public void Error(string operation, string code) => _errors.AddOrUpdate($"{operation}: {code}", 1, (_, n) => n + 1);

    public void Count(string what) => _counts.AddOrUpdate(what, 1, (_, n) => n + 1);

    /// <summary>Forgets what the set-up did, so that the report covers the soak alone.</summary>
    public void Reset()
    {
        _times.Clear();
        _errors.Clear();
        _counts.Clear();
    }

    public bool ErrorFree => _errors.IsEmpty;

    public long Succeeded => _times.Values.Sum(q => (long)q.Count);

    public int ServerErrors =>
        _errors.Where(e => e.Key.Contains(": HTTP 5", StringComparison.Ordinal)).Sum(e => e.Value);

    /// <summary>One HTTP exchange, timed when it succeeds; null when it failed (the failure recorded).</summary>
    public async Task<HttpResponseMessage?> SendAsync(string operation, HttpClient http, HttpRequestMessage request)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            if (!response.IsSuccessStatusCode)
            {
                Error(operation, $"HTTP {(int)response.StatusCode}");
                response.Dispose();
                return null;
            }

            Time(operation, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            Error(operation, ex.GetType().Name);
            return null;
        }
    }

    /// <summary>A GraphQL POST: its data, or null with the failure recorded (HTTP status or error code).</summary>
    public async Task<JsonNode?> GraphQLAsync(
        string operation,
        HttpClient http,
        Uri endpoint,
        string? token,
        string query,
        object? variables = null
    )
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { query, variables }),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            if (!response.IsSuccessStatusCode || body?["errors"] is JsonArray { Count: > 0 })
            {
                var code = body?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();
                Error(operation, code ?? $"HTTP {(int)response.StatusCode}");
                return null;
            }

            Time(operation, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return body!["data"];
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            Error(operation, ex.GetType().Name);
            return null;
        }
    }

    public void PrintOperations(TimeSpan over)
    {
        Console.WriteLine(
            Row(
                Cell("operation", -44),
                Cell("count", 8),
                Cell("per s", 7),
                Cell("p50 ms", 9),
                Cell("p99 ms", 9),
                Cell("errors", 7)
            )
        );
        Console.WriteLine(Rule(46, 10, 9, 11, 11, 9));
        foreach (var (operation, queue) in _times.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var times = queue.ToArray();
            Array.Sort(times);
            var errors = _errors
                .Where(e => e.Key.StartsWith(operation + ": ", StringComparison.Ordinal))
                .Sum(e => e.Value);
            Console.WriteLine(
                Row(
                    Cell(operation, -44),
                    Cell(times.Length, 8),
                    Cell(times.Length / over.TotalSeconds, 7, "0.0"),
                    Cell(Percentile(times, 0.50), 9, "0.0"),
                    Cell(Percentile(times, 0.99), 9, "0.0"),
                    Cell(errors, 7)
                )
            );
        }

        Console.WriteLine();
        Console.WriteLine(_errors.IsEmpty ? "errors by code: none" : "errors by operation and code:");
        foreach (var (key, count) in _errors.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"- {key}: {count}");
        }

        foreach (var (key, count) in _counts.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"- {key}: {count}");
        }
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(sorted.Length * p) - 1)];
}
