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

/// <summary>Group fsync of one log, run by a thread of its own: a commit waits for an fsync that begins after it,
/// and the thread starts one as soon as the previous one ends and a commit waits, so every commit that arrived while
/// an fsync ran shares the next one. The previous design ran the fsync on the thread of the last writer of a burst and
/// put it off while more writers were queued: under a steady stream of writes (the subscription benchmark's 50
/// concurrent edits) the first commits of a burst waited for the stream to stop, 12 ms from commit to durable at the
/// median and 24 ms at p90 for fsyncs of a quarter of a millisecond, then resumed newest first from that thread's pool
/// queue. Now no request's thread blocks on an fsync, an fsync starts within one fsync of a commit, and the waiters
/// resume through the pool's shared queue in the order they came. The thread ends after <paramref name="idle"/>
/// (5 seconds unless given) without commits, and the next commit starts another.</summary>
internal sealed class WalFlush(Action sync, TimeSpan? idle = null)
{
    private readonly TimeSpan _idle = idle ?? TimeSpan.FromSeconds(5);

    // Guards the fields below; the sync thread waits on it (Monitor) for a commit.
    private readonly object _gate = new();
    private TaskCompletionSource? _next;
    private bool _running;
    private long _syncs;

    /// <summary>How many fsyncs have run (for tests).</summary>
    public long Syncs => Interlocked.Read(ref _syncs);

    /// <summary>Whether the sync thread is alive (for tests).</summary>
    public bool SyncThreadRunning
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>Returns once an fsync that began after the call has ended: every commit made before the call is
    /// on disk.</summary>
    public ValueTask FlushAsync()
    {
        TaskCompletionSource next;
        lock (_gate)
        {
            // The waiters resume on the thread pool, not on the sync thread, in the order they came.
            next = _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_running)
            {
                Monitor.Pulse(_gate);
            }
            else
            {
                _running = true;
                new Thread(Run) { IsBackground = true, Name = "SQLite log sync" }.Start();
            }
        }

        return new ValueTask(next.Task);
    }

    private void Run()
    {
        while (true)
        {
            TaskCompletionSource group;
            lock (_gate)
            {
                while (_next is null)
                {
                    if (!Monitor.Wait(_gate, _idle) && _next is null)
                    {
                        _running = false;
                        return;
                    }
                }

                group = _next;
                _next = null;
            }

            try
            {
                Interlocked.Increment(ref _syncs);
                sync();
                group.SetResult();
            }
            catch (Exception ex)
            {
                // Not known to be on disk: these commits fail; the next ones sync again.
                group.SetException(ex);
            }
        }
    }
}
