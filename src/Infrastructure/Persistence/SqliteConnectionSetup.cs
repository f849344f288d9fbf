using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace StreamEngine.Infrastructure.Persistence;

/// <summary>Sets every SQLite connection up as it opens. A writer that finds the database locked by another writer
/// waits in SQLite's own busy handler (sleeps of 1 to 100 ms, until the lock is free), instead of failing at once into
/// Microsoft.Data.Sqlite's retry loop, which blocks its thread for 150 ms per attempt: under concurrent writes that
/// loop, not the writes, was the latency (a benchmark of 50 concurrent mutations: p50 over 200 ms). The timeout is set
/// through SQLite's C API rather than a PRAGMA statement, which SQLite would parse and run on every open of a pooled
/// connection, that is for every query EF Core runs.
/// <para>A connection to a database in WAL mode commits without a sync (<c>synchronous=NORMAL</c>, set once per
/// pooled connection), and this interceptor makes every write that does not go through
/// <see cref="SqliteDbContext.SaveChangesAsync(bool, CancellationToken)"/> (which waits itself, after leaving the
/// writer queue) wait for the group fsync (<see cref="SqliteCommits"/>): an explicit transaction's commit, and a
/// statement run outside a transaction (bulk updates and deletes, raw SQL).</para></summary>
internal sealed class SqliteConnectionSetup : DbConnectionInterceptor, IDbTransactionInterceptor, IDbCommandInterceptor
{
    private const int BusyTimeoutMilliseconds = 30000;

    // The pooled connections (SQLite handles) already committing without a sync.
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Relaxed = [];
    private static readonly object Marked = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        Setup(connection);

    public override Task ConnectionOpenedAsync(
        DbConnection connection,
        ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        Setup(connection);
        return Task.CompletedTask;
    }

    private static void Setup(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var handle = ((SqliteConnection)connection).Handle ?? throw new InvalidOperationException("Not open.");
        var code = SQLitePCL.raw.sqlite3_busy_timeout(handle, BusyTimeoutMilliseconds);
        if (code != SQLitePCL.raw.SQLITE_OK)
        {
            throw new SqliteException("Could not set the busy timeout.", code);
        }

        if (Relaxed.TryGetValue(handle, out _) || JournalMode(handle) != "wal")
        {
            // A database not (yet) in WAL mode keeps FULL: NORMAL with a rollback journal could lose a commit that
            // the group fsync does not cover. The migrator switches the mode; the next open of this handle relaxes it.
            return;
        }

        code = SQLitePCL.raw.sqlite3_exec(handle, "PRAGMA synchronous=NORMAL");
        if (code != SQLitePCL.raw.SQLITE_OK)
        {
            throw new SqliteException("Could not set the synchronous mode.", code);
        }

        SqliteCommits.Relaxed(
            connection.ConnectionString,
            SQLitePCL.raw.sqlite3_db_filename(handle, "main").utf8_to_string()
        );
        Relaxed.AddOrUpdate(handle, Marked);
    }

    private static string? JournalMode(SQLitePCL.sqlite3 handle)
    {
        if (
            SQLitePCL.raw.sqlite3_prepare_v2(handle, "PRAGMA journal_mode", out var statement)
            != SQLitePCL.raw.SQLITE_OK
        )
        {
            return null;
        }

        using (statement)
        {
            return SQLitePCL.raw.sqlite3_step(statement) == SQLitePCL.raw.SQLITE_ROW
                ? SQLitePCL.raw.sqlite3_column_text(statement, 0).utf8_to_string()
                : null;
        }
    }

    // An explicit transaction's commit (and the migrations'); SaveChanges' own transaction waits in SqliteDbContext,
    // once it has left the writer queue.
    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (!SavesItself(eventData))
        {
            SqliteCommits.Flush(ConnectionOf(transaction, eventData));
        }
    }

    public async Task TransactionCommittedAsync(
        DbTransaction transaction,
        TransactionEndEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (!SavesItself(eventData))
        {
            await SqliteCommits.FlushAsync(ConnectionOf(transaction, eventData));
        }
    }

    // A statement outside a transaction committed on its own (bulk updates and deletes, raw SQL).
    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Transaction is null && !SavesItself(eventData))
        {
            SqliteCommits.Flush(command.Connection?.ConnectionString);
        }

        return result;
    }

    public async ValueTask<int> NonQueryExecutedAsync(
        DbCommand command,
        CommandExecutedEventData eventData,
        int result,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Transaction is null && !SavesItself(eventData))
        {
            await SqliteCommits.FlushAsync(command.Connection?.ConnectionString);
        }

        return result;
    }

    // A committed SqliteTransaction has let go of its connection.
    private static string? ConnectionOf(DbTransaction transaction, TransactionEndEventData eventData) =>
        eventData?.Context?.Database.GetConnectionString() ?? transaction.Connection?.ConnectionString;

    private static bool SavesItself(DbContextEventData eventData) =>
        eventData?.Context is SqliteDbContext { FlushesItself: true };
}
