using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StreamEngine.Infrastructure.Persistence;

namespace StreamEngine.Infrastructure.Tests;

/// <summary>The server prepares its repeated statements and does not reset pooled PostgreSQL connections, unless the
/// connection string says otherwise.</summary>
public sealed class PostgresConnectionTests
{
    [Fact]
    public void A_connection_string_that_is_silent_gets_auto_prepare_and_no_reset()
    {
        var result = new NpgsqlConnectionStringBuilder(
            PostgresConnection.WithDefaults("Host=127.0.0.1;Database=streamengine;Username=app")
        );

        Assert.Equal(PostgresConnection.MaxAutoPrepare, result.MaxAutoPrepare);
        Assert.True(result.NoResetOnClose);
        Assert.Equal("streamengine", result.Database);
        Assert.Equal("app", result.Username);
    }

    [Theory]
    [InlineData("Host=h;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=h;maxautoprepare=0;NORESETONCLOSE=false")]
    public void What_the_connection_string_says_wins(string connectionString)
    {
        var result = new NpgsqlConnectionStringBuilder(PostgresConnection.WithDefaults(connectionString));

        Assert.Equal(0, result.MaxAutoPrepare);
        Assert.False(result.NoResetOnClose);
    }

    [Fact]
    public void The_servers_postgres_contexts_connect_with_the_defaults()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["StreamEngine:Database:Provider"] = "Postgres",
                    ["StreamEngine:Database:ConnectionString"] = "Host=127.0.0.1;Database=streamengine",
                }
            )
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<StreamEngine.Application.Abstractions.IClock>(new FixedClock());
        services.AddPersistence(configuration);
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();

        var db = scope.ServiceProvider.GetRequiredService<PostgresDbContext>();

        var used = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        Assert.Equal(PostgresConnection.MaxAutoPrepare, used.MaxAutoPrepare);
        Assert.True(used.NoResetOnClose);
    }

    private sealed class FixedClock : StreamEngine.Application.Abstractions.IClock
    {
        public DateTimeOffset UtcNow => DateTimeOffset.UnixEpoch;
    }
}
