using System.Collections.Concurrent;
using System.Diagnostics;

namespace StreamEngine.TestSupport;

/// <summary>The built server run as a child process (as a deployment runs it), configured by environment variables,
/// for fault tests that kill it (<c>SIGKILL</c>) or stop it (<c>SIGTERM</c>).</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public IReadOnlyCollection<string> Output => _output;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the server with these settings (<c>StreamEngine:…</c> keys); returns once it is ready.</summary>
    public static async Task<ServerProcess> StartAsync(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var port = OwnedPorts.Free();
        var dll = Path.Combine(
            TestEnvironment.RepositoryRoot(),
            "src",
            "Web",
            "bin",
            "Release",
            "net10.0",
            "StreamEngine.Web.dll"
        );
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["StreamEngine__RateLimiting__Enabled"] = "false";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var server = new ServerProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                using var live = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (live.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException) when (!server.HasExited) { }

            if (server.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    "The server did not become ready:\n" + string.Join('\n', server.Output.TakeLast(40))
                );
            }

            await Task.Delay(200);
        }
    }

    /// <summary>SIGTERM: the way an orchestrator stops a container.</summary>
    public void Terminate() =>
        OwnedPorts.Run("kill", "-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>SIGKILL of the server; with <paramref name="withChildren"/> of the tools it started too (as when a
    /// container ends), else they are orphaned.</summary>
    public void KillHard(bool withChildren = false)
    {
        if (withChildren)
        {
            _process.Kill(entireProcessTree: true);
        }
        else
        {
            OwnedPorts.Run("kill", "-KILL", Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
