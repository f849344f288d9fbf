using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace StreamEngine.TestSupport;

/// <summary>A PostgreSQL server of a test's own (its own cluster, port and socket folder), for fault tests that stop
/// and start it under traffic without disturbing the shared one.</summary>
public sealed class OwnedPostgres : IAsyncDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly string _bin = TestEnvironment.Require(TestEnvironment.PostgresBin);

    private OwnedPostgres() => Port = OwnedPorts.Free();

    public int Port { get; }

    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=5;Maximum Pool Size=20";

    private string Data => Path.Combine(_folder.Path, "data");

    public static async Task<OwnedPostgres> StartNewAsync()
    {
        var server = new OwnedPostgres();
        if (Environment.UserName == "root")
        {
            OwnedPorts.Run("chown", "postgres", server._folder.Path);
        }

        server.AsPostgres("initdb", "-D", server.Data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8");
        await server.StartAsync();
        return server;
    }

    public Task StartAsync()
    {
        AsPostgres(
            "pg_ctl",
            "-D",
            Data,
            "-l",
            Path.Combine(_folder.Path, "server.log"),
            "-w",
            "-t",
            "60",
            "-o",
            $"-p {Port} -k {_folder.Path} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off",
            "start"
        );
        return Task.CompletedTask;
    }

    /// <summary>Stops the server: <c>fast</c> (clients disconnected, a clean shutdown) or <c>immediate</c> (as a
    /// crash).</summary>
    public void Stop(string mode = "fast") => AsPostgres("pg_ctl", "-D", Data, "-m", mode, "-w", "stop");

    private void AsPostgres(string program, params string[] arguments)
    {
        var path = Path.Combine(_bin, program);
        if (Environment.UserName == "root")
        {
            OwnedPorts.Run("runuser", ["-u", "postgres", "--", path, .. arguments]);
        }
        else
        {
            OwnedPorts.Run(path, arguments);
        }
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            AsPostgres("pg_ctl", "-D", Data, "-m", "immediate", "stop");
        }
        catch (InvalidOperationException)
        {
            // Stopped already.
        }

        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A Redis server of a test's own, stopped and started by the test.</summary>
public sealed class OwnedRedis : IAsyncDisposable
{
    private readonly TempDirectory _folder = new();
    private Process? _process;

    public int Port { get; } = OwnedPorts.Free();

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<OwnedRedis> StartNewAsync()
    {
        var redis = new OwnedRedis();
        await redis.StartAsync();
        return redis;
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (
            var argument in (string[])
                ["--port", $"{Port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _folder.Path]
        )
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await OwnedPorts.WaitOpenAsync(Port, TimeSpan.FromSeconds(20));
    }

    /// <summary>Kills the server (as a crash): every connection drops at once.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _folder.Dispose();
    }
}

/// <summary>Free loopback ports and the programs the owned services run.</summary>
public static class OwnedPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task WaitOpenAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    public static void Run(string program, params string[] arguments)
    {
        var (code, output) = Capture(program, null, arguments);
        if (code != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)}: {output}");
        }
    }

    /// <summary>Runs a program to its end; its exit code and everything it wrote (standard output, then
    /// error).</summary>
    public static (int Code, string Output) Capture(string program, string? workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }
}
