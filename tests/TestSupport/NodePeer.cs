using System.Diagnostics;
using System.Text;

namespace StreamEngine.TestSupport;

/// <summary>A node peer left running, whose output lines a test waits on.</summary>
public sealed class RunningPeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly SemaphoreSlim _changed = new(0);

    internal RunningPeer(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data is null ? null : "stderr: " + e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var match = Lines.FirstOrDefault(predicate);
            if (match is not null)
            {
                return match;
            }

            if (
                DateTime.UtcNow > deadline
                || (_process.HasExited && Lines.FirstOrDefault(predicate) is null && !await _changed.WaitAsync(100))
            )
            {
                throw new TimeoutException(
                    "The peer did not print the expected line. Output:\n" + string.Join("\n", Lines)
                );
            }

            await _changed.WaitAsync(200);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _changed.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }

        _changed.Release();
    }
}

/// <summary>Runs a script of tests/peers (real third-party clients: graphql-http, graphql-ws, playwright-core) with
/// node.</summary>
public static class NodePeer
{
    /// <summary>Starts a peer script and returns at once; the test reads its lines as they come.</summary>
    public static RunningPeer Start(string script, IEnumerable<string> arguments)
    {
        var peers = TestEnvironment.Require(TestEnvironment.Peers);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = peers,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(peers, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new RunningPeer(
            Process.Start(start) ?? throw new InvalidOperationException("node could not be started")
        );
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(
        string script,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        IDictionary<string, string>? environment = null
    )
    {
        var peers = TestEnvironment.Require(TestEnvironment.Peers);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = peers,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(peers, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var pair in environment ?? new Dictionary<string, string>())
        {
            start.Environment[pair.Key] = pair.Value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within {timeout}: {output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}
