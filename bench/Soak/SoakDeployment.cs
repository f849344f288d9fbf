using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace StreamEngine.Bench.Soak;

/// <summary>The servers under soak: one on the default configuration (SQLite, local disk, in-process transcoding,
/// in-memory bus and limiter), or two sharing a PostgreSQL database, a Redis and a data directory, as a small
/// deployment behind a load balancer runs (clients are spread over them).</summary>
internal sealed class SoakDeployment : IAsyncDisposable
{
    private readonly string _work;
    private readonly BenchPostgres? _postgres;
    private readonly Process? _redis;

    private SoakDeployment(string work, IReadOnlyList<BenchServer> servers, BenchPostgres? postgres, Process? redis)
    {
        _work = work;
        Servers = servers;
        _postgres = postgres;
        _redis = redis;
    }

    public IReadOnlyList<BenchServer> Servers { get; }

    public static async Task<SoakDeployment> StartAsync(string repositoryRoot, int instances)
    {
        var work = Directory.CreateTempSubdirectory("streamengine-soak-").FullName;
        var data = Path.Combine(work, "data");
        if (instances == 1)
        {
            return new SoakDeployment(work, [await BenchServer.StartAsync(repositoryRoot, data)], null, null);
        }

        var postgres = await BenchPostgres.StartAsync();
        var database = "soak_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(postgres.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var redisPort = LoopbackPort.Free();
        var redis = Process.Start(
            new ProcessStartInfo(
                "redis-server",
                ["--port", redisPort.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", ""]
            )
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            }
        )!;
        var settings = new Dictionary<string, string>
        {
            ["StreamEngine__Database__Provider"] = "Postgres",
            ["StreamEngine__Database__ConnectionString"] = new NpgsqlConnectionStringBuilder(
                postgres.AdminConnectionString
            )
            {
                Database = database,
                // Two instances share PostgreSQL's 100 connection slots (its default): 40 each, and room to spare.
                MaxPoolSize = 40,
            }.ConnectionString,
            ["StreamEngine__Database__MigrateOnStartup"] = "true",
            ["StreamEngine__Redis__ConnectionString"] = $"127.0.0.1:{redisPort}",
            ["StreamEngine__Auth__SigningKey"] = Convert.ToBase64String(
                System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)
            ),
        };

        // One after the other: the first applies the migrations.
        var first = await BenchServer.StartAsync(repositoryRoot, data, settings);
        var second = await BenchServer.StartAsync(repositoryRoot, data, settings);
        return new SoakDeployment(work, [first, second], postgres, redis);
    }

    public string Describe() =>
        Servers.Count == 1
            ? "one instance, default configuration (SQLite, local disk, in-process transcoding, in-memory bus, limiter)"
            : $"{Servers.Count} instances, one PostgreSQL, one Redis, one data directory (defaults otherwise)";

    public async ValueTask DisposeAsync()
    {
        foreach (var server in Servers)
        {
            await server.DisposeAsync();
        }

        if (_redis is not null)
        {
            _redis.Kill(entireProcessTree: true);
            await _redis.WaitForExitAsync();
            _redis.Dispose();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        Directory.Delete(_work, recursive: true);
    }
}
