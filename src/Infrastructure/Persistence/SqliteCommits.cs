using System.Collections.Concurrent;

namespace StreamEngine.Infrastructure.Persistence;

/// <summary>Group commit for SQLite in WAL mode. With <c>synchronous=FULL</c> every commit waits for its own fsync of
/// the log, one after the other behind the single writer: on the subscription benchmark's 50 concurrent edits that
/// was a third of the server's CPU (the kernel's fsync path) and most of an edit's latency. Connections set up by
/// <see cref="SqliteConnectionSetup"/> commit with <c>synchronous=NORMAL</c> instead (the commit is appended to the log
/// without a sync), and nothing that wrote returns to its caller before <see cref="FlushAsync"/> has seen an fsync of
/// the log that began after its commit: the durability of FULL, with one fsync for every commit that arrived while the
/// previous one ran.
/// <para>Why an fsync of the log from another descriptor is enough: on Linux an fsync flushes the file, not the
/// descriptor; a commit is durable once its frames, commit frame included, are on disk (recovery replays the log up to
/// the last valid commit frame). A log that is gone was checkpointed, and a checkpoint syncs the log before and the
/// database after (SQLite does that under NORMAL too). SQLite takes no locks on the log file itself (WAL locks live in
/// the -shm file), so opening and closing it here cannot drop one of SQLite's POSIX locks.</para>
/// <para>What differs from FULL: another connection may read a commit in the instant before its fsync. It cannot
/// make a later commit durable without it (the log is a sequence), and the writer has not been answered.
/// </para></summary>
internal static class SqliteCommits
{
    private static readonly ConcurrentDictionary<string, WalFlush> Logs = new(StringComparer.Ordinal);

    /// <summary>Marks the database as committing without a sync on some connection; from now on writers of it wait
    /// for <see cref="FlushAsync"/>.</summary>
    public static void Relaxed(string connectionString, string databasePath) =>
        Logs.GetOrAdd(connectionString, _ => new WalFlush(() => SyncLog(databasePath + "-wal")));

    /// <summary>The log of this database, when a connection commits to it without a sync.</summary>
    public static WalFlush? Of(string? connectionString) =>
        connectionString is not null && Logs.TryGetValue(connectionString, out var log) ? log : null;

    /// <summary>Returns once every commit made to the database before the call is on disk. Not cancellable: the
    /// commit is made, and its caller must not hear otherwise before it is safe.</summary>
    public static ValueTask FlushAsync(string? connectionString) =>
        Of(connectionString)?.FlushAsync() ?? ValueTask.CompletedTask;

    /// <summary>The same, blocking the caller (for synchronous writes).</summary>
    public static void Flush(string? connectionString) =>
        Of(connectionString)?.FlushAsync().AsTask().GetAwaiter().GetResult();

    private static void SyncLog(string path)
    {
        try
        {
            using var log = new FileStream(
                path,
                FileMode.Open,
                FileAccess.ReadWrite,
                FileShare.ReadWrite | FileShare.Delete,
                bufferSize: 0
            );
            log.Flush(flushToDisk: true);
        }
        catch (FileNotFoundException)
        {
            // Checkpointed and removed: the checkpoint synced the database.
        }
    }
}

/// <summary>Group fsync of one log. A commit waits for an fsync that began after it was written; the fsync runs when
/// no writer is queued to commit (<see cref="Enter"/>) or once <see cref="MaxGroup"/> commits wait, so that a burst of
/// queued writers shares one instead of taking turns at it: an fsync costs about as much CPU as the commit it covers
/// (a fifth of a millisecond here), and one of a file with nothing new to write still costs half of that.</summary>
internal sealed class WalFlush(Action sync)
{
    /// <summary>The most commits that wait for writers still queued before an fsync runs anyway.</summary>
    public const int MaxGroup = 64;

    private readonly Lock _lock = new();
    private long _committed;
    private long _durable;
    private int _pending;
    private bool _running;
    private TaskCompletionSource? _next;
    private long _syncs;

    /// <summary>How many fsyncs have run (for tests).</summary>
    public long Syncs => Interlocked.Read(ref _syncs);

    /// <summary>A writer queues to commit: commits that wait meanwhile may leave their fsync to it.</summary>
    public void Enter() => Interlocked.Increment(ref _pending);

    /// <summary>The writer of <see cref="Enter"/> is done, having committed or not; returns once its commit, if any,
    /// is on disk. The last writer to leave a burst runs the fsync for it.</summary>
    public ValueTask LeaveAsync(bool committed)
    {
        var mine = committed ? Interlocked.Increment(ref _committed) : 0;
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            mine = Interlocked.Read(ref _committed);
        }

        return WaitAsync(mine);
    }

    /// <summary>A commit made outside the writer queue: returns once it is on disk.</summary>
    public ValueTask FlushAsync() => WaitAsync(Interlocked.Increment(ref _committed));

    private async ValueTask WaitAsync(long upTo)
    {
        while (true)
        {
            TaskCompletionSource? next = null;
            long covered;
            lock (_lock)
            {
                if (_durable >= upTo)
                {
                    return;
                }

                covered = Interlocked.Read(ref _committed);
                if (_running || (Volatile.Read(ref _pending) > 0 && covered - _durable < MaxGroup))
                {
                    next = _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
                else
                {
                    _running = true;
                }
            }

            if (next is not null)
            {
                await next.Task;
                continue;
            }

            Exception? failed = null;
            try
            {
                Interlocked.Increment(ref _syncs);
                sync();
            }
            catch (Exception ex)
            {
                failed = ex;
            }

            lock (_lock)
            {
                _running = false;
                if (failed is null)
                {
                    _durable = Math.Max(_durable, covered);
                }

                next = _next;
                _next = null;
            }

            if (failed is not null)
            {
                next?.SetException(failed);
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed);
            }

            next?.SetResult();
            return;
        }
    }
}
