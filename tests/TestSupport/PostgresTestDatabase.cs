using Npgsql;

namespace StreamEngine.TestSupport;

/// <summary>A fresh database on the test PostgreSQL server, dropped on dispose: each test class gets its own.</summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private PostgresTestDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString)
        {
            Database = name,
        }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>What a server on this database needs beyond the embedded default: the provider, the connection, a
    /// signing key of its own and a public address (required outside the embedded default).</summary>
    public Dictionary<string, string?> ServerSettings() =>
        new()
        {
            ["StreamEngine:PublicBaseUrl"] = "http://localhost",
            ["StreamEngine:Database:Provider"] = "Postgres",
            ["StreamEngine:Database:ConnectionString"] = ConnectionString,
            ["StreamEngine:Database:MigrateOnStartup"] = "true",
            ["StreamEngine:Auth:SigningKey"] = Convert.ToBase64String(
                System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)
            ),
        };

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var admin = TestEnvironment.Require(TestEnvironment.Postgres);
        var name = "se_test_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new PostgresTestDatabase(admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
