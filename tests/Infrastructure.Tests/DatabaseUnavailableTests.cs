using System.Net.Sockets;
using Npgsql;
using StreamEngine.Infrastructure.Persistence;

namespace StreamEngine.Infrastructure.Tests;

/// <summary>Which database failures are "unavailable for now" (answered 503 with Retry-After) and which are a query's
/// own failure (a bug, answered 500).</summary>
public sealed class DatabaseUnavailableTests
{
    [Theory]
    [InlineData("08006", true)] // connection failure
    [InlineData("57P01", true)] // admin shutdown
    [InlineData("57P03", true)] // cannot connect now (starting up)
    [InlineData("53300", true)] // too many connections: every slot taken
    [InlineData("23505", false)] // unique violation
    [InlineData("42P01", false)] // undefined table
    [InlineData("40001", false)] // serialization failure: the caller retries, the database is there
    public void A_server_error_is_unavailable_by_its_sqlstate(string sqlState, bool unavailable) =>
        Assert.Equal(unavailable, DatabaseUnavailable.Is(new PostgresException("failed", "FATAL", "FATAL", sqlState)));

    [Fact]
    public void A_refused_socket_or_an_exhausted_pool_is_unavailable_and_other_errors_are_not()
    {
        Assert.True(
            DatabaseUnavailable.Is(
                new NpgsqlException("connect", new SocketException((int)SocketError.ConnectionRefused))
            )
        );
        Assert.True(DatabaseUnavailable.Is(new NpgsqlException("pool exhausted", new TimeoutException())));
        Assert.True(
            DatabaseUnavailable.Is(
                new InvalidOperationException("wrapped", new NpgsqlException("io", new IOException("reset")))
            )
        );
        Assert.False(DatabaseUnavailable.Is(new InvalidOperationException("a bug")));
        Assert.False(DatabaseUnavailable.Is(null));
    }
}
