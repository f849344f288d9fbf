using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;
using StreamEngine.Fakes;

namespace StreamEngine.Application.Tests.Videos;

public sealed class CreateVideoUploadTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    private static CreateVideoUploadRequest Request(long size = 20_000_000, string? title = "Clip") =>
        new(title, null, "clip.mp4", "video/mp4", size);

    [Fact]
    public async Task An_anonymous_caller_is_refused_and_nothing_is_stored()
    {
        var result = await _world.Get<CreateVideoUpload>().Handle(Request(), default);

        Assert.Equal("NOT_AUTHENTICATED", result.Errors[0].Code);
        Assert.Empty(_world.Videos.All);
    }

    [Fact]
    public async Task Every_wrong_field_is_reported_at_once_and_nothing_is_stored()
    {
        _world.SignIn();

        var result = await _world.Get<CreateVideoUpload>().Handle(new(" ", null, "", "text/html", 0), default);

        Assert.Equal(
            ["INVALID_TITLE", "INVALID_FILE_NAME", "UNSUPPORTED_CONTENT_TYPE", "INVALID_SIZE"],
            result.Errors.Select(e => e.Code)
        );
        Assert.Empty(_world.Uploads.All);
    }

    [Fact]
    public async Task A_valid_request_stores_the_video_and_its_session_and_answers_a_target_per_part()
    {
        _world.SignIn();

        var result = await _world.Get<CreateVideoUpload>().Handle(Request(20_000_000), default);

        Assert.True(result.Succeeded);
        Assert.Equal(VideoStatus.AwaitingUpload, Assert.Single(_world.Videos.All).Status);
        Assert.Equal(result.Value.Session.PartCount, result.Value.Parts.Count);
        Assert.Equal(3, result.Value.Parts.Count);
    }

    [Fact]
    public async Task The_open_uploads_quota_refuses_the_eleventh()
    {
        _world.SignIn();
        for (var i = 0; i < 10; i++)
        {
            Assert.True((await _world.Get<CreateVideoUpload>().Handle(Request(), default)).Succeeded);
        }

        var refused = await _world.Get<CreateVideoUpload>().Handle(Request(), default);

        Assert.Equal("QUOTA_EXCEEDED", refused.Errors[0].Code);
        Assert.Equal(10, _world.Uploads.All.Count);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class GetUploadSessionTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task The_owner_sees_the_parts_that_arrived_and_a_stranger_is_told_it_is_not_theirs()
    {
        _world.SignIn();
        var upload = (
            await _world.Get<CreateVideoUpload>().Handle(new("Clip", null, "a.mp4", "video/mp4", 1000), default)
        ).Value!;
        _world.Storage.Receive(upload.Session, 1, 1000);

        var mine = await _world.Get<GetUploadSession>().Handle(upload.Session.Id, default);
        _world.SignIn("bob_films");
        var theirs = await _world.Get<GetUploadSession>().Handle(upload.Session.Id, default);

        Assert.Equal(1, Assert.Single(mine.Value!.ReceivedParts).PartNumber);
        Assert.Equal("NOT_OWNER", theirs.Errors[0].Code);
    }

    [Fact]
    public async Task An_unknown_upload_is_not_found()
    {
        _world.SignIn();

        var result = await _world.Get<GetUploadSession>().Handle(Guid.NewGuid(), default);

        Assert.Equal("UPLOAD_NOT_FOUND", result.Errors[0].Code);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class CompleteVideoUploadTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    private async Task<VideoUpload> BeginAsync()
    {
        _world.SignIn();
        return (
            await _world.Get<CreateVideoUpload>().Handle(new("Clip", null, "a.mp4", "video/mp4", 1000), default)
        ).Value!;
    }

    private Task<Result<Video>> CompleteAsync(VideoUpload upload) =>
        _world.Get<CompleteVideoUpload>().Handle(new(upload.Session.Id, [new CompletedPart(1, "etag-1")]), default);

    [Fact]
    public async Task Completing_twice_starts_one_job_and_publishes_once()
    {
        var upload = await BeginAsync();

        var first = await CompleteAsync(upload);
        var second = await CompleteAsync(upload);

        Assert.Equal(VideoStatus.Processing, first.Value!.Status);
        Assert.Equal(first.Value.Id, second.Value!.Id);
        Assert.Equal([upload.Video.Id], _world.Pipeline.Started);
        Assert.Single(_world.Bus.Published);
    }

    [Fact]
    public async Task A_file_that_is_not_a_video_fails_the_video_with_the_reason_and_removes_its_bytes()
    {
        var upload = await BeginAsync();
        _world.Inspector.Next = new SourceInspection(false, "Not a video we can decode.", 0, 0, 0, 1000);

        var result = await CompleteAsync(upload);

        Assert.Equal(VideoStatus.Failed, result.Value!.Status);
        Assert.Equal("Not a video we can decode.", result.Value.FailureReason);
        Assert.Equal([upload.Video.Id], _world.Storage.SourcesDeleted);
        Assert.Empty(_world.Pipeline.Started);
    }

    [Fact]
    public async Task An_expired_upload_is_refused_and_changes_nothing()
    {
        var upload = await BeginAsync();
        _world.Clock.Advance(TimeSpan.FromDays(2));

        var result = await CompleteAsync(upload);

        Assert.Equal("UPLOAD_EXPIRED", result.Errors[0].Code);
        Assert.Equal(VideoStatus.AwaitingUpload, upload.Video.Status);
        Assert.Equal(0, _world.Storage.Completions);
    }

    [Fact]
    public async Task Another_users_upload_is_refused()
    {
        var upload = await BeginAsync();
        _world.SignIn("bob_films");

        var result = await CompleteAsync(upload);

        Assert.Equal("NOT_OWNER", result.Errors[0].Code);
        Assert.Empty(_world.Pipeline.Started);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class AbortVideoUploadTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task Aborting_removes_the_bytes_and_the_waiting_video_but_a_completed_upload_cannot_be_aborted()
    {
        _world.SignIn();
        var create = _world.Get<CreateVideoUpload>();
        var open = (await create.Handle(new("A", null, "a.mp4", "video/mp4", 1000), default)).Value!;
        var done = (
            await _world.Get<CreateVideoUpload>().Handle(new("B", null, "b.mp4", "video/mp4", 1000), default)
        ).Value!;
        await _world.Get<CompleteVideoUpload>().Handle(new(done.Session.Id, []), default);

        var aborted = await _world.Get<AbortVideoUpload>().Handle(open.Session.Id, default);
        var refused = await _world.Get<AbortVideoUpload>().Handle(done.Session.Id, default);

        Assert.True(aborted.Value);
        Assert.Equal([open.Session.Id], _world.Storage.Aborted);
        Assert.DoesNotContain(open.Video, _world.Videos.All);
        Assert.Equal("UPLOAD_COMPLETED", refused.Errors[0].Code);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class ExpireUploadsTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_backlog_larger_than_a_batch_clears_in_one_pass_and_open_uploads_stay()
    {
        var owner = _world.AddUser();
        for (var i = 0; i < ExpireUploads.BatchSize + 20; i++)
        {
            var video = _world.AddVideo(owner.Id, VideoStatus.AwaitingUpload);
            _world.Uploads.AddUpload(
                UploadSession.Start(video, "a.mp4", "video/mp4", 10, 10, _world.Clock.UtcNow, TimeSpan.FromHours(1))
            );
        }

        _world.Clock.Advance(TimeSpan.FromHours(2));
        var fresh = _world.AddVideo(owner.Id, VideoStatus.AwaitingUpload);
        _world.Uploads.AddUpload(
            UploadSession.Start(fresh, "b.mp4", "video/mp4", 10, 10, _world.Clock.UtcNow, TimeSpan.FromHours(1))
        );

        var swept = await _world.Get<ExpireUploads>().Handle(default);

        Assert.Equal(ExpireUploads.BatchSize + 20, swept);
        Assert.Equal([fresh], _world.Videos.All);
    }

    public void Dispose() => _world.Dispose();
}
