using StreamEngine.Application.Common;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;
using StreamEngine.Fakes;

namespace StreamEngine.Application.Tests.Videos;

/// <summary>A tus upload made by createVideoUpload(protocol: TUS) or a tus POST, for the tests below.</summary>
internal static class TusUploads
{
    public static async Task<VideoUpload> BeginAsync(UseCaseWorld world, long size = 1000)
    {
        world.SignIn();
        var created = await world
            .Get<CreateVideoUpload>()
            .Handle(new("Clip", null, "a.mp4", "video/mp4", size, UploadProtocol.Tus), default);
        return created.Value!;
    }

    public static Task<Result<ResumableUpload>> AppendAsync(
        UseCaseWorld world,
        VideoUpload upload,
        long offset,
        Stream body,
        long? length = null
    ) => world.Get<AppendToUpload>().Handle(new(upload.Session.Id, offset, body, length), default);
}

public sealed class AppendToUploadTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task Appends_in_order_complete_with_the_last_byte_like_completeVideoUpload()
    {
        var upload = await TusUploads.BeginAsync(_world);

        var first = await TusUploads.AppendAsync(_world, upload, 0, new MemoryStream(new byte[400]));
        Assert.Equal(400, first.Value!.Offset);
        Assert.Empty(_world.Pipeline.Started);

        var last = await TusUploads.AppendAsync(_world, upload, 400, new MemoryStream(new byte[600]), 600);

        Assert.True(last.Value!.IsComplete);
        Assert.Equal(1000, last.Value.Offset);
        Assert.Equal([upload.Session.Id], _world.ResumableUploads.Finished);
        Assert.Equal([upload.Video.Id], _world.Pipeline.Started);
        Assert.Equal(VideoStatus.Processing, upload.Video.Status);
        Assert.Single(_world.Bus.Published);
    }

    [Fact]
    public async Task A_body_that_breaks_keeps_what_arrived_and_the_client_resumes_from_there()
    {
        var upload = await TusUploads.BeginAsync(_world);

        await Assert.ThrowsAsync<IOException>(() => TusUploads.AppendAsync(_world, upload, 0, new BreakingBody(300)));
        var wrong = await TusUploads.AppendAsync(_world, upload, 0, new MemoryStream(new byte[10]));
        var resumed = await TusUploads.AppendAsync(_world, upload, 300, new MemoryStream(new byte[700]));

        Assert.Equal("UPLOAD_OFFSET_MISMATCH", wrong.Errors[0].Code);
        Assert.Contains("300", wrong.Errors[0].Message, StringComparison.Ordinal);
        Assert.True(resumed.Value!.IsComplete);
    }

    [Fact]
    public async Task More_bytes_than_the_upload_has_left_are_refused()
    {
        var upload = await TusUploads.BeginAsync(_world);

        var declared = await TusUploads.AppendAsync(_world, upload, 0, new MemoryStream(new byte[1001]), 1001);
        var undeclared = await TusUploads.AppendAsync(_world, upload, 0, new MemoryStream(new byte[1001]));
        var beyond = await TusUploads.AppendAsync(_world, upload, 1001, new MemoryStream(new byte[1]));

        Assert.Equal("UPLOAD_LENGTH_EXCEEDED", declared.Errors[0].Code);
        Assert.Equal("UPLOAD_LENGTH_EXCEEDED", undeclared.Errors[0].Code);
        Assert.Equal("UPLOAD_OFFSET_MISMATCH", beyond.Errors[0].Code);
        Assert.Empty(_world.Pipeline.Started);
    }

    [Fact]
    public async Task A_busy_expired_or_foreign_upload_is_refused()
    {
        var upload = await TusUploads.BeginAsync(_world);
        _world.ResumableUploads.Busy.Add(upload.Session.Id);
        var busy = await TusUploads.AppendAsync(_world, upload, 0, new MemoryStream(new byte[1]));
        _world.ResumableUploads.Busy.Clear();

        _world.SignIn("mallory_films");
        var foreign = await TusUploads.AppendAsync(_world, upload, 0, new MemoryStream(new byte[1]));
        _world.Caller.SignIn(upload.Video.OwnerId);
        _world.Clock.Advance(TimeSpan.FromDays(2));
        var expired = await TusUploads.AppendAsync(_world, upload, 0, new MemoryStream(new byte[1]));

        Assert.Equal(
            ["UPLOAD_BUSY", "UPLOAD_NOT_FOUND", "UPLOAD_EXPIRED"],
            new[] { busy, foreign, expired }.Select(r => r.Errors[0].Code)
        );
        Assert.Empty(_world.ResumableUploads.Bytes.GetValueOrDefault(upload.Session.Id) ?? []);
    }

    [Fact]
    public async Task A_multipart_upload_is_not_a_tus_upload_and_completeVideoUpload_refuses_a_tus_one()
    {
        var tus = await TusUploads.BeginAsync(_world);
        var multipart = (
            await _world.Get<CreateVideoUpload>().Handle(new("Clip", null, "a.mp4", "video/mp4", 1000), default)
        ).Value!;

        var appended = await TusUploads.AppendAsync(_world, multipart, 0, new MemoryStream(new byte[1]));
        var completed = await _world
            .Get<CompleteVideoUpload>()
            .Handle(new(tus.Session.Id, [new Abstractions.CompletedPart(1, "e")]), default);

        Assert.Equal("UPLOAD_NOT_FOUND", appended.Errors[0].Code);
        Assert.Equal("WRONG_PROTOCOL", completed.Errors[0].Code);
        Assert.Empty(tus.Parts);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class GetUploadOffsetTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task The_offset_is_the_stored_bytes_then_the_whole_length_once_complete()
    {
        var upload = await TusUploads.BeginAsync(_world);
        var offsets = _world.Get<GetUploadOffset>();

        var fresh = await offsets.Handle(upload.Session.Id, default);
        await TusUploads.AppendAsync(_world, upload, 0, new MemoryStream(new byte[250]));
        var partial = await offsets.Handle(upload.Session.Id, default);
        await TusUploads.AppendAsync(_world, upload, 250, new MemoryStream(new byte[750]));
        var complete = await offsets.Handle(upload.Session.Id, default);

        Assert.Equal([0L, 250L, 1000L], new[] { fresh, partial, complete }.Select(r => r.Value!.Offset));
        Assert.True(complete.Value!.IsComplete);
    }

    [Fact]
    public async Task Another_account_and_an_anonymous_caller_learn_nothing()
    {
        var upload = await TusUploads.BeginAsync(_world);

        _world.SignIn("mallory_films");
        var foreign = await _world.Get<GetUploadOffset>().Handle(upload.Session.Id, default);
        _world.Caller.SignOut();
        var anonymous = await _world.Get<GetUploadOffset>().Handle(upload.Session.Id, default);

        Assert.Equal("UPLOAD_NOT_FOUND", foreign.Errors[0].Code);
        Assert.Equal("NOT_AUTHENTICATED", anonymous.Errors[0].Code);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class ResumeVideoUploadTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task Finds_the_tus_upload_createVideoUpload_made_for_the_video_of_that_size()
    {
        var upload = await TusUploads.BeginAsync(_world);
        var resume = _world.Get<ResumeVideoUpload>();

        var found = await resume.Handle(new(upload.Video.Id, 1000), default);
        var otherSize = await resume.Handle(new(upload.Video.Id, 999), default);
        _world.SignIn("mallory_films");
        var foreign = await resume.Handle(new(upload.Video.Id, 1000), default);

        Assert.Equal(upload.Session.Id, found.Value!.Session.Id);
        Assert.Equal("SIZE_MISMATCH", otherSize.Errors[0].Code);
        Assert.Equal("VIDEO_NOT_FOUND", foreign.Errors[0].Code);
    }

    [Fact]
    public async Task A_video_uploaded_in_parts_has_no_tus_upload()
    {
        _world.SignIn();
        var multipart = (
            await _world.Get<CreateVideoUpload>().Handle(new("Clip", null, "a.mp4", "video/mp4", 1000), default)
        ).Value!;

        var result = await _world.Get<ResumeVideoUpload>().Handle(new(multipart.Video.Id, 1000), default);

        Assert.Equal("WRONG_PROTOCOL", result.Errors[0].Code);
    }

    public void Dispose() => _world.Dispose();
}
