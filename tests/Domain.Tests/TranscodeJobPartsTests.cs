using StreamEngine.Domain.Videos;

namespace StreamEngine.Domain.Tests;

/// <summary>A video's job split into parts: it waits leased by no one, and only the last part queues it again.
/// </summary>
public sealed class TranscodeJobPartsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_video_job_waits_unleased_until_the_last_part_is_done()
    {
        var job = TranscodeJob.Queue(Guid.NewGuid(), Now);
        job.Lease("w", Now, TimeSpan.FromMinutes(1));

        job.AwaitParts("w", Now);

        Assert.Equal((TranscodeJobState.Waiting, null, 0), (job.State, job.LeaseOwner, job.Attempts));
        Assert.False(job.IsAvailable(Now.AddHours(1)), "A waiting job is no one's to lease, even much later.");
        var version = job.Version;
        Assert.False(job.PartDone(last: false, Now.AddSeconds(1)));
        Assert.Equal(TranscodeJobState.Waiting, job.State);
        Assert.True(job.Version > version, "Every part's finish changes the row, so racing finishes conflict.");
        Assert.True(job.PartDone(last: true, Now.AddSeconds(2)));
        Assert.True(job.IsAvailable(Now.AddSeconds(2)));
    }

    [Fact]
    public void The_last_part_does_not_queue_a_job_that_is_not_waiting()
    {
        var job = TranscodeJob.Queue(Guid.NewGuid(), Now);
        job.Lease("w", Now, TimeSpan.FromMinutes(1));

        Assert.False(job.PartDone(last: true, Now));
        Assert.Equal((TranscodeJobState.Running, "w"), (job.State, job.LeaseOwner));
    }

    [Fact]
    public void Only_the_running_video_job_of_its_owner_can_wait_and_parts_are_numbered_from_one()
    {
        var job = TranscodeJob.Queue(Guid.NewGuid(), Now);
        Assert.Throws<InvalidOperationException>(() => job.AwaitParts("w", Now));
        job.Lease("w", Now, TimeSpan.FromMinutes(1));
        Assert.Throws<InvalidOperationException>(() => job.AwaitParts("other", Now));

        var part = TranscodeJob.QueuePart(job.VideoId, 3, Now);
        Assert.Equal((3, true, TranscodeJobState.Queued), (part.Part, part.IsPart, part.State));
        part.Lease("w", Now, TimeSpan.FromMinutes(1));
        Assert.Throws<InvalidOperationException>(() => part.AwaitParts("w", Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => TranscodeJob.QueuePart(job.VideoId, 0, Now));
    }
}
