using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using StreamEngine.Domain.Users;
using StreamEngine.Infrastructure.Persistence;
using StreamEngine.TestSupport;

namespace StreamEngine.Infrastructure.Tests;

/// <summary>Group commit on SQLite: connections to a WAL database commit without a sync, and every kind of write
/// waits for an fsync of the log that began after it committed, shared by the writes that wait together.</summary>
public sealed class SqliteGroupCommitTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    private string ConnectionString => $"Data Source={Path.Combine(_directory.Path, "group.db")};Foreign Keys=True";

    private DbContextOptions<SqliteDbContext> Options =>
        new DbContextOptionsBuilder<SqliteDbContext>()
            .UseSqlite(ConnectionString)
            .AddInterceptors(new SqliteConnectionSetup())
            .Options;

    public async Task InitializeAsync()
    {
        await using var db = new SqliteDbContext(Options);
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_database_in_rollback_journal_mode_keeps_a_sync_per_commit()
    {
        var path = Path.Combine(_directory.Path, "rollback.db");
        await using (var raw = new SqliteConnection($"Data Source={path}"))
        {
            await raw.OpenAsync();
            await using var command = raw.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=DELETE; CREATE TABLE t (x INTEGER);";
            await command.ExecuteNonQueryAsync();
        }

        var connectionString = $"Data Source={path};Pooling=False";
        var options = new DbContextOptionsBuilder<SqliteDbContext>()
            .UseSqlite(connectionString)
            .AddInterceptors(new SqliteConnectionSetup())
            .Options;
        await using var db = new SqliteDbContext(options);

        Assert.Equal(2L, await PragmaAsync(db, "synchronous"));
        Assert.Null(SqliteCommits.Of(connectionString));
    }

    [Fact]
    public async Task In_wal_mode_every_kind_of_write_waits_for_one_fsync_and_a_read_for_none()
    {
        await using (var db = new SqliteDbContext(Options))
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        await using (var db = new SqliteDbContext(Options))
        {
            Assert.Equal(1L, await PragmaAsync(db, "synchronous"));
        }

        var log = SqliteCommits.Of(ConnectionString)!;
        Assert.True(EmailAddress.TryParse("group@example.com", out var email));
        Assert.True(Handle.TryParse("group", out var handle));
        var user = User.Register(email, handle, "Group", "hash", Now);
        var syncs = log.Syncs;
        await using (var db = new SqliteDbContext(Options))
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }

        Assert.Equal(syncs + 1, log.Syncs);
        await using (var db = new SqliteDbContext(Options))
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Bio, "one"));
        }

        Assert.Equal(syncs + 2, log.Syncs);
        await using (var db = new SqliteDbContext(Options))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Bio, "two"));
            Assert.Equal(syncs + 2, log.Syncs);
            await transaction.CommitAsync();
        }

        Assert.Equal(syncs + 3, log.Syncs);
        await using (var db = new SqliteDbContext(Options))
        {
            Assert.Equal("two", (await db.Users.SingleAsync(u => u.Id == user.Id)).Bio);
        }

        Assert.Equal(syncs + 3, log.Syncs);
    }

    [Fact]
    public async Task Commits_that_arrive_while_an_fsync_runs_share_the_next_one()
    {
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var flush = new WalFlush(() =>
        {
            entered.Set();
            release.Wait(TimeSpan.FromSeconds(10));
        });

        var first = Task.Run(async () => await flush.FlushAsync());
        Assert.True(entered.Wait(TimeSpan.FromSeconds(10)));
        var waiting = Enumerable.Range(0, 20).Select(_ => flush.FlushAsync().AsTask()).ToList();
        Assert.All(waiting, w => Assert.False(w.IsCompleted));
        release.Set();
        await Task.WhenAll([first, .. waiting]);

        Assert.Equal(2, flush.Syncs);
        await flush.FlushAsync();
        Assert.Equal(3, flush.Syncs);
    }

    [Fact]
    public async Task The_fsync_runs_on_its_own_thread_which_ends_when_idle_and_comes_back_for_the_next_commit()
    {
        var threads = new System.Collections.Concurrent.ConcurrentBag<int>();
        var flush = new WalFlush(() => threads.Add(Environment.CurrentManagedThreadId), TimeSpan.FromMilliseconds(50));

        await flush.FlushAsync();
        Assert.DoesNotContain(Environment.CurrentManagedThreadId, threads);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (flush.SyncThreadRunning && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.False(flush.SyncThreadRunning, "An idle sync thread ends.");
        await flush.FlushAsync();
        Assert.Equal(2, flush.Syncs);
    }

    [Fact]
    public async Task A_steady_stream_of_commits_does_not_hold_back_the_fsync_of_the_first()
    {
        // The first commit is answered after its own fsync, while writers keep arriving behind it.
        using var stop = new CancellationTokenSource();
        var flush = new WalFlush(() => Thread.Sleep(1));
        var writers = Enumerable
            .Range(0, 4)
            .Select(w =>
                Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        _ = flush.FlushAsync().AsTask();
                        await Task.Yield();
                    }
                })
            )
            .ToList();

        await flush.FlushAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        await flush.FlushAsync();
    }

    [Fact]
    public async Task A_failed_fsync_fails_the_commits_waiting_for_it_and_the_next_commit_syncs_again()
    {
        var failing = true;
        var flush = new WalFlush(() =>
        {
            if (failing)
            {
                throw new IOException("disk");
            }
        });

        await Assert.ThrowsAsync<IOException>(async () => await flush.FlushAsync());
        failing = false;
        await flush.FlushAsync();

        Assert.Equal(2, flush.Syncs);
    }

    private static async Task<object?> PragmaAsync(DbContext db, string name)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return await command.ExecuteScalarAsync();
    }
}
