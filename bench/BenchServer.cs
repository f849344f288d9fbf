using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace StreamEngine.Bench;

/// <summary>The built server as its own process on loopback, with its own data directory, as a deployment runs
/// it.</summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private readonly Process _process;

    private BenchServer(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(10) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public int ProcessId => _process.Id;

    /// <summary>The server's last lines of output (warnings and errors: it logs at Warning).</summary>
    public IReadOnlyCollection<string> RecentOutput { get; private set; } = [];

    /// <summary>Every line of the server's output that reports an encode's time.</summary>
    public IReadOnlyCollection<string> Kept { get; private set; } = [];

    public static async Task<BenchServer> StartAsync(
        string repositoryRoot,
        string dataDirectory,
        IDictionary<string, string>? settings = null
    )
    {
        var web = Path.Combine(repositoryRoot, "src", "Web");
        var dll = Path.Combine(web, "bin", "Release", "net10.0", "StreamEngine.Web.dll");
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = web,
        };
        foreach (var argument in new[] { dll, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", web })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["StreamEngine__DataDirectory"] = dataDirectory;
        start.Environment["StreamEngine__PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Warning";
        foreach (var pair in settings ?? new Dictionary<string, string>())
        {
            start.Environment[pair.Key] = pair.Value;
        }

        var process = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Keep(string? line)
        {
            if (line is not null)
            {
                output.Enqueue(line);
                while (output.Count > 40 && output.TryDequeue(out _)) { }
            }
        }

        var kept = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            Keep(e.Data);
            if (e.Data?.Contains("encoded in", StringComparison.Ordinal) == true)
            {
                kept.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new BenchServer(process, new Uri($"http://127.0.0.1:{port}"))
        {
            RecentOutput = output,
            Kept = kept,
        };
        for (var i = 0; i < 150; i++)
        {
            try
            {
                if ((await server.Http.GetAsync("/health/live")).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException) { }

            await Task.Delay(200);
        }

        throw new InvalidOperationException("The server did not start:\n" + string.Join("\n", output));
    }

    public async Task<JsonNode> GraphQLAsync(string? token, string query, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["data"] ?? throw new InvalidOperationException(body.ToJsonString());
    }

    public async Task<string> RegisterAsync(string name) =>
        (
            await GraphQLAsync(
                null,
                $"mutation {{ register(input: {{ email: \"{name}@example.com\", password: \"violet-harbour-29\", "
                    + $"handle: \"{name}\", displayName: \"{name}\" }}) {{ accessToken }} }}"
            )
        )["register"]!["accessToken"]!.GetValue<string>();

    public long Rss() => StatusValue(_process.Id, "VmRSS:");

    public long PeakRss() => StatusValue(_process.Id, "VmHWM:");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    /// <summary>CPU time a process has used so far (user and system, /proc/{pid}/stat), in milliseconds.</summary>
    public static double CpuMilliseconds(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        // Fields after the command name (which may hold spaces): utime is the 14th field, stime the 15th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks =
            long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks * 1000.0 / 100;
    }

    /// <summary>A size line of /proc/{pid}/status (VmRSS:, VmHWM:), in bytes.</summary>
    public static long StatusValue(int processId, string key)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith(key, StringComparison.Ordinal));
        return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
