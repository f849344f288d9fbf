using StreamEngine.Domain.Videos;

namespace StreamEngine.Domain.Tests;

public sealed class VideoLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_video_goes_awaiting_upload_processing_ready_and_keeps_its_first_publication()
    {
        var video = Video.Create(Guid.NewGuid(), "  Title ", "", Now);
        Assert.Equal((VideoStatus.AwaitingUpload, "Title", null), (video.Status, video.Title, video.Description));

        video.MarkUploaded(1000, 9.5, 1280, 720, Now);
        Assert.True(video.ReportProgress("ENCODING", 40, Now));
        Assert.False(video.ReportProgress("ENCODING", 30, Now));
        video.MarkReady(
            [new Rendition("720p", 1280, 720, 3_000_000, 2_800_000, "avc1.64001f")],
            9.5,
            1280,
            720,
            Now.AddMinutes(1)
        );

        Assert.Equal(VideoStatus.Ready, video.Status);
        Assert.Equal(Now.AddMinutes(1), video.PublishedAt);
        Assert.Equal(100, video.ProgressPercent);
        Assert.False(video.MarkFailed("late failure", Now.AddMinutes(2)));
        Assert.Throws<InvalidOperationException>(() => video.MarkUploaded(1, 1, 1, 1, Now));
    }

    [Fact]
    public void A_processing_video_becomes_playable_once_and_the_flag_ends_with_processing()
    {
        var video = Video.Create(Guid.NewGuid(), "t", null, Now);
        Assert.False(video.MarkPlayable(Now));

        video.MarkUploaded(1000, 9.5, 1280, 720, Now);
        Assert.False(video.IsPlayable);
        Assert.True(video.MarkPlayable(Now.AddSeconds(5)));
        Assert.False(video.MarkPlayable(Now.AddSeconds(6)));
        Assert.True(video.IsPlayable);
        Assert.Equal(Now.AddSeconds(5), video.UpdatedAt);

        video.MarkReady([new Rendition("720p", 1280, 720, 1, 1, "avc1.64001f")], 9.5, 1280, 720, Now.AddMinutes(1));
        Assert.Equal((true, false), (video.IsPlayable, video.PlayableWhileProcessing));
        Assert.False(video.MarkPlayable(Now.AddMinutes(2)));

        var failed = Video.Create(Guid.NewGuid(), "t", null, Now);
        failed.MarkUploaded(1000, 9.5, 1280, 720, Now);
        failed.MarkPlayable(Now);
        failed.MarkFailed("the encode failed", Now);
        Assert.False(failed.IsPlayable);
    }

    [Fact]
    public void A_failure_keeps_its_first_reason()
    {
        var video = Video.Create(Guid.NewGuid(), "t", null, Now);

        Assert.True(video.MarkFailed("not a video", Now));
        Assert.False(video.MarkFailed("second reason", Now));
        Assert.Equal("not a video", video.FailureReason);
    }

    [Fact]
    public void Parts_have_the_part_size_except_the_last()
    {
        var video = Video.Create(Guid.NewGuid(), "t", null, Now);
        var session = UploadSession.Start(video, "a.mp4", "video/mp4", 25, 10, Now, TimeSpan.FromHours(1));

        Assert.Equal(3, session.PartCount);
        Assert.Equal([10L, 10L, 5L], new[] { session.PartSize(1), session.PartSize(2), session.PartSize(3) });
        Assert.Throws<ArgumentOutOfRangeException>(() => session.PartSize(4));
        Assert.True(session.IsOpen(Now));
        Assert.False(session.IsOpen(Now.AddHours(1)));
    }

    [Fact]
    public void A_job_is_leased_by_one_worker_and_taken_over_when_the_lease_lapses()
    {
        var job = TranscodeJob.Queue(Guid.NewGuid(), Now);
        job.Lease("a", Now, TimeSpan.FromMinutes(2));

        Assert.False(job.IsAvailable(Now.AddMinutes(1)));
        Assert.False(job.RenewLease("b", Now, TimeSpan.FromMinutes(2)));
        Assert.True(job.RenewLease("a", Now.AddMinutes(1), TimeSpan.FromMinutes(2)));
        Assert.True(job.IsAvailable(Now.AddMinutes(3)));
        job.Lease("b", Now.AddMinutes(3), TimeSpan.FromMinutes(2));
        Assert.Equal(("b", 2), (job.LeaseOwner, job.Attempts));
    }

    [Fact]
    public void Transient_failures_retry_with_doubling_back_off_until_the_last_attempt()
    {
        var job = TranscodeJob.Queue(Guid.NewGuid(), Now);
        var backoff = TimeSpan.FromSeconds(10);

        job.Lease("w", Now, TimeSpan.FromMinutes(1));
        Assert.False(job.Fail("timeout", transient: true, maxAttempts: 3, backoff, Now));
        Assert.Equal((TranscodeJobState.Queued, Now.AddSeconds(10)), (job.State, job.NotBefore));

        job.Lease("w", Now.AddSeconds(10), TimeSpan.FromMinutes(1));
        Assert.False(job.Fail("timeout", true, 3, backoff, Now.AddSeconds(10)));
        Assert.Equal(Now.AddSeconds(30), job.NotBefore);

        job.Lease("w", Now.AddSeconds(30), TimeSpan.FromMinutes(1));
        Assert.True(job.Fail("timeout", true, 3, backoff, Now.AddSeconds(30)));
        Assert.Equal(TranscodeJobState.Failed, job.State);
    }

    [Fact]
    public void A_permanent_failure_ends_the_job_at_once_and_a_release_does_not_count_the_attempt()
    {
        var failing = TranscodeJob.Queue(Guid.NewGuid(), Now);
        failing.Lease("w", Now, TimeSpan.FromMinutes(1));
        Assert.True(failing.Fail("not a video", transient: false, 3, TimeSpan.FromSeconds(10), Now));

        var released = TranscodeJob.Queue(Guid.NewGuid(), Now);
        released.Lease("w", Now, TimeSpan.FromMinutes(1));
        released.Release("someone-else", Now);
        Assert.Equal(TranscodeJobState.Running, released.State);
        released.Release("w", Now);
        Assert.Equal((TranscodeJobState.Queued, 0), (released.State, released.Attempts));
        Assert.True(released.IsAvailable(Now));
    }

    [Fact]
    public void Only_a_succeeded_job_is_run_again_afresh()
    {
        var running = TranscodeJob.Queue(Guid.NewGuid(), Now);
        running.Lease("w", Now, TimeSpan.FromMinutes(1));
        running.Requeue(Now);
        var done = TranscodeJob.Queue(Guid.NewGuid(), Now);
        done.Lease("w", Now, TimeSpan.FromMinutes(1));
        done.Succeed(Now);

        done.Requeue(Now.AddMinutes(5));

        Assert.Equal(TranscodeJobState.Running, running.State);
        Assert.Equal((TranscodeJobState.Queued, 0), (done.State, done.Attempts));
        Assert.True(done.IsAvailable(Now.AddMinutes(5)));
    }

    [Fact]
    public void A_postponed_job_waits_without_using_up_the_attempt()
    {
        var job = TranscodeJob.Queue(Guid.NewGuid(), Now);
        job.Lease("w", Now, TimeSpan.FromMinutes(1));

        job.Postpone("disk full", TimeSpan.FromSeconds(30), Now);

        Assert.Equal((TranscodeJobState.Queued, 0, "disk full"), (job.State, job.Attempts, job.LastError));
        Assert.False(job.IsAvailable(Now.AddSeconds(29)));
        Assert.True(job.IsAvailable(Now.AddSeconds(30)));
    }
}
