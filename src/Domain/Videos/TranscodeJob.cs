namespace StreamEngine.Domain.Videos;

public enum TranscodeJobState
{
    Queued = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,

    /// <summary>A video's job whose work was split into parts: it waits, leased by no one, until they are all done.
    /// </summary>
    Waiting = 4,
}

/// <summary>A unit of work of the local pipeline, kept in the database so that a crash or restart resumes it: a worker
/// holds it with a lease, renews the lease while it works, and anyone may take it when the lease lapses.</summary>
public sealed class TranscodeJob
{
    private TranscodeJob() { }

    public Guid Id { get; private set; }

    public Guid VideoId { get; private set; }

    /// <summary>0 for the video's own job; from 1, a part of its work that any worker may do on its own (a chunk of
    /// a long video), retried alone when it fails.</summary>
    public int Part { get; private set; }

    public bool IsPart => Part > 0;

    public TranscodeJobState State { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NotBefore { get; private set; }

    public string? LeaseOwner { get; private set; }

    public DateTimeOffset? LeaseExpiresAt { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Bumped by every change: two workers leasing the same job cannot both win.</summary>
    public int Version { get; private set; }

    /// <summary>Whether a worker may take this job now: queued and due, or running under a lapsed lease.</summary>
    public bool IsAvailable(DateTimeOffset now) =>
        (State == TranscodeJobState.Queued && NotBefore <= now)
        || (State == TranscodeJobState.Running && LeaseExpiresAt <= now);

    public void Lease(string owner, DateTimeOffset now, TimeSpan duration)
    {
        if (!IsAvailable(now))
        {
            throw new InvalidOperationException("The job is not available.");
        }

        State = TranscodeJobState.Running;
        LeaseOwner = owner;
        LeaseExpiresAt = now + duration;
        Attempts++;
        UpdatedAt = now;
        Version++;
    }

    /// <summary>Extends the lease; false when another worker has taken the job meanwhile.</summary>
    public bool RenewLease(string owner, DateTimeOffset now, TimeSpan duration)
    {
        if (State != TranscodeJobState.Running || LeaseOwner != owner)
        {
            return false;
        }

        LeaseExpiresAt = now + duration;
        UpdatedAt = now;
        Version++;
        return true;
    }

    public static TranscodeJob Queue(Guid videoId, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            VideoId = videoId,
            State = TranscodeJobState.Queued,
            NotBefore = now,
            CreatedAt = now,
            UpdatedAt = now,
        };

    /// <summary>A part of a video's work, queued by the video's job.</summary>
    public static TranscodeJob QueuePart(Guid videoId, int part, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(part, 1);
        var job = Queue(videoId, now);
        job.Part = part;
        return job;
    }

    /// <summary>The video's job has queued its parts and waits for them, without counting the attempt (it did what
    /// it had to); <see cref="PartDone"/> queues it again to finish the work.</summary>
    public void AwaitParts(string owner, DateTimeOffset now)
    {
        if (IsPart || State != TranscodeJobState.Running || LeaseOwner != owner)
        {
            throw new InvalidOperationException("Only the running video job can wait for its parts.");
        }

        State = TranscodeJobState.Waiting;
        LeaseOwner = null;
        LeaseExpiresAt = null;
        Attempts = Math.Max(0, Attempts - 1);
        UpdatedAt = now;
        Version++;
    }

    /// <summary>A part is done; <paramref name="last"/> when every part now is, and then the waiting video job is due
    /// again (true). The row changes either way, so two parts finishing at once, or a part finishing while the video
    /// job starts to wait, conflict and one of them looks again: the last part cannot miss the wait.</summary>
    public bool PartDone(bool last, DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
        if (!last || State != TranscodeJobState.Waiting)
        {
            return false;
        }

        State = TranscodeJobState.Queued;
        NotBefore = now;
        return true;
    }

    /// <summary>Gives the job back without counting the attempt (the worker is shutting down): the next worker, here
    /// after a restart or elsewhere, takes it at once.</summary>
    public void Release(string owner, DateTimeOffset now)
    {
        if (State != TranscodeJobState.Running || LeaseOwner != owner)
        {
            return;
        }

        State = TranscodeJobState.Queued;
        LeaseOwner = null;
        LeaseExpiresAt = null;
        Attempts = Math.Max(0, Attempts - 1);
        NotBefore = now;
        UpdatedAt = now;
        Version++;
    }

    public void Succeed(DateTimeOffset now)
    {
        Version++;
        State = TranscodeJobState.Succeeded;
        LeaseOwner = null;
        LeaseExpiresAt = null;
        UpdatedAt = now;
    }

    /// <summary>Puts a running job back for later without counting the attempt: the failure was the server's (its
    /// disk is full), not the video's.</summary>
    public void Postpone(string reason, TimeSpan delay, DateTimeOffset now)
    {
        if (State != TranscodeJobState.Running)
        {
            return;
        }

        State = TranscodeJobState.Queued;
        LeaseOwner = null;
        LeaseExpiresAt = null;
        Attempts = Math.Max(0, Attempts - 1);
        LastError = reason.Length > 1000 ? reason[..1000] : reason;
        NotBefore = now + delay;
        UpdatedAt = now;
        Version++;
    }

    /// <summary>Runs a finished job again, afresh: its work was lost downstream (a remote pipeline has no trace of the
    /// upload it made). Only a succeeded job is run again; any other is left as it is.</summary>
    public void Requeue(DateTimeOffset now)
    {
        if (State != TranscodeJobState.Succeeded)
        {
            return;
        }

        State = TranscodeJobState.Queued;
        Attempts = 0;
        LastError = null;
        NotBefore = now;
        UpdatedAt = now;
        Version++;
    }

    /// <summary>A transient failure before the last attempt goes back to the queue after an exponential back-off;
    /// anything else ends the job.</summary>
    public bool Fail(string error, bool transient, int maxAttempts, TimeSpan baseBackoff, DateTimeOffset now)
    {
        Version++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        LeaseOwner = null;
        LeaseExpiresAt = null;
        UpdatedAt = now;
        if (transient && Attempts < maxAttempts)
        {
            State = TranscodeJobState.Queued;
            NotBefore = now + TimeSpan.FromTicks(baseBackoff.Ticks * (1L << Math.Min(Attempts - 1, 10)));
            return false;
        }

        State = TranscodeJobState.Failed;
        return true;
    }
}
