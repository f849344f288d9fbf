using System.Net.Sockets;
using Npgsql;

namespace StreamEngine.Infrastructure.Persistence;

/// <summary>Tells a database that cannot be reached (stopped, restarting, unreachable, shutting down) from a query
/// that failed on its own: the first is answered 503 and retried, the second is a bug.</summary>
public static class DatabaseUnavailable
{
    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    // Class 08 (connection exception), 57P0x (admin/crash shutdown, cannot connect now) and 53300
                    // (too many connections: every connection slot of the server is taken, for now).
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300";
                case NpgsqlException { IsTransient: true }:
                case NpgsqlException { InnerException: SocketException or IOException or TimeoutException }:
                    return true;
            }
        }

        return false;
    }
}
