namespace StreamEngine.Bench;

/// <summary>A PostgreSQL server for a benchmark: <c>STREAMENGINE_TEST_POSTGRES</c> when set (scripts/test.sh's), or
/// a throw-away cluster of the Debian packages on a free port (run as the postgres user when we are root).</summary>
internal sealed class BenchPostgres : IAsyncDisposable
{
    private readonly string? _dataDirectory;
    private readonly string? _pgCtl;

    private BenchPostgres(string adminConnectionString, string? dataDirectory, string? pgCtl)
    {
        AdminConnectionString = adminConnectionString;
        _dataDirectory = dataDirectory;
        _pgCtl = pgCtl;
    }

    public string AdminConnectionString { get; }

    public static async Task<BenchPostgres> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("STREAMENGINE_TEST_POSTGRES") is { Length: > 0 } existing)
        {
            return new BenchPostgres(existing, null, null);
        }

        var bin =
            Directory
                .GetDirectories("/usr/lib/postgresql")
                .OrderDescending()
                .Select(d => Path.Combine(d, "bin"))
                .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException(
                "PostgreSQL is needed (apt-get install postgresql) or set STREAMENGINE_TEST_POSTGRES."
            );
        var folder = Path.Combine(Path.GetTempPath(), "streamengine-bench-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var root = Environment.UserName == "root";
        if (root)
        {
            await RunAsync("chown", ["postgres", folder]);
        }

        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        var data = Path.Combine(folder, "data");
        async Task AsPostgres(string program, string[] arguments) =>
            await RunAsync(
                root ? "runuser" : program,
                root ? ["-u", "postgres", "--", program, .. arguments] : arguments
            );
        await AsPostgres(
            Path.Combine(bin, "initdb"),
            ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]
        );
        await AsPostgres(
            Path.Combine(bin, "pg_ctl"),
            [
                "-D",
                data,
                "-l",
                Path.Combine(folder, "log"),
                "-w",
                "-o",
                $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=256MB",
                "start",
            ]
        );
        return new BenchPostgres(
            $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres",
            data,
            Path.Combine(bin, "pg_ctl")
        );
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataDirectory is not null && _pgCtl is not null)
        {
            var root = Environment.UserName == "root";
            await RunAsync(
                root ? "runuser" : _pgCtl,
                root
                    ? ["-u", "postgres", "--", _pgCtl, "-D", _dataDirectory, "-m", "fast", "stop"]
                    : ["-D", _dataDirectory, "-m", "fast", "stop"]
            );
            Directory.Delete(Path.GetDirectoryName(_dataDirectory)!, recursive: true);
        }
    }

    private static async Task RunAsync(string program, string[] arguments)
    {
        var result = await Transcoder.ProcessRunner.RunAsync(
            program,
            arguments,
            TimeSpan.FromMinutes(2),
            null,
            default
        );
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed: {result.ErrorTail}");
        }
    }
}
