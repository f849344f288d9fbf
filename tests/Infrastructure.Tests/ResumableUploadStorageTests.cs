using Amazon.S3;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Configuration;
using StreamEngine.Infrastructure.Storage;
using StreamEngine.TestSupport;

namespace StreamEngine.Infrastructure.Tests;

/// <summary>What every tus storage adapter guarantees, run against the local disk and a real S3-compatible server:
/// appends land in order across part boundaries, a body that breaks keeps what arrived, a wrong offset and a second
/// writer change nothing, and finishing makes exactly the uploaded bytes the source.</summary>
public abstract class ResumableUploadStorageContract
{
    protected const int PartSize = 5 * 1024 * 1024;

    protected abstract IResumableUploadStorage Storage { get; }

    protected abstract Task<string> BeginAsync(UploadSession session);

    protected abstract Task<byte[]> SourceAsync(Guid videoId);

    /// <summary>Objects or files the upload left behind after finishing.</summary>
    protected abstract Task<IReadOnlyList<string>> LeftoversAsync(UploadSession session);

    [Fact]
    public async Task Appends_across_parts_survive_a_broken_body_and_finish_as_the_exact_bytes()
    {
        var file = new byte[(2 * PartSize) + 123_457];
        new Random(7).NextBytes(file);
        var session = await StartAsync(file.Length);
        var first = (PartSize / 2) + 3;
        var broken = first + PartSize + 11;

        var appended = await Storage.AppendAsync(session, 0, new Body(file[..first]), default);
        var wrong = await Storage.AppendAsync(session, 7, new Body(file[first..broken]), default);
        await Assert.ThrowsAsync<IOException>(() =>
            Storage.AppendAsync(session, first, new Body(file[first..broken], breaks: true), default)
        );
        var resumedAt = await Storage.OffsetAsync(session, default);
        var last = await Storage.AppendAsync(session, resumedAt, new Body(file[(int)resumedAt..]), default);
        await Storage.FinishAsync(session, default);
        await Storage.FinishAsync(session, default);

        Assert.Equal(new AppendResult(AppendOutcome.Appended, first), appended);
        Assert.Equal(new AppendResult(AppendOutcome.OffsetMismatch, first), wrong);
        Assert.Equal(broken, resumedAt);
        Assert.Equal(new AppendResult(AppendOutcome.Appended, file.Length), last);
        Assert.Equal(file, await SourceAsync(session.VideoId));
        Assert.Empty(await LeftoversAsync(session));
    }

    [Fact]
    public async Task A_second_writer_is_refused_while_the_first_is_appending()
    {
        var session = await StartAsync(1000);
        var gate = new TaskCompletionSource();
        var slow = Storage.AppendAsync(session, 0, new Body(new byte[100], waitFor: gate.Task), default);

        var second = await Storage.AppendAsync(session, 0, new Body(new byte[10]), default);
        gate.SetResult();

        Assert.Equal(AppendOutcome.Locked, second.Outcome);
        Assert.Equal(100, (await slow).Offset);
        Assert.Equal(100, await Storage.OffsetAsync(session, default));
    }

    private async Task<UploadSession> StartAsync(long size)
    {
        var now = DateTimeOffset.UtcNow;
        var video = Video.Create(Guid.NewGuid(), "tus", null, now);
        var session = UploadSession.Start(
            video,
            "a.mp4",
            "video/mp4",
            size,
            PartSize,
            now,
            TimeSpan.FromHours(1),
            UploadProtocol.Tus
        );
        session.AttachStorageUpload(await BeginAsync(session));
        return session;
    }

    /// <summary>A request body that arrives in uneven pieces, may wait before its first byte, and may break after its
    /// last one as a dropped connection does.</summary>
    private sealed class Body(byte[] data, bool breaks = false, Task? waitFor = null) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            if (waitFor is not null)
            {
                await waitFor;
            }

            if (_position == data.Length)
            {
                return breaks ? throw new IOException("The connection was reset.") : 0;
            }

            var count = Math.Min(Math.Min(buffer.Length, 300_007), data.Length - _position);
            data.AsMemory(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

public sealed class LocalResumableUploadsTests : ResumableUploadStorageContract, IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly LocalDiskStorage _disk;

    public LocalResumableUploadsTests()
    {
        var data = new DataDirectory(_data.Path);
        _disk = new LocalDiskStorage(
            data,
            new UrlSignature(data),
            new FixedUrls(),
            new Failpoints(Microsoft.Extensions.Options.Options.Create(new TestingOptions())),
            NullLogger<LocalDiskStorage>.Instance
        );
        Storage = new LocalResumableUploads(_disk);
    }

    protected override IResumableUploadStorage Storage { get; }

    public void Dispose() => _data.Dispose();

    protected override Task<string> BeginAsync(UploadSession session) => _disk.BeginUploadAsync(session, default);

    protected override Task<byte[]> SourceAsync(Guid videoId) => File.ReadAllBytesAsync(_disk.SourceOf(videoId));

    protected override Task<IReadOnlyList<string>> LeftoversAsync(UploadSession session) =>
        Task.FromResult<IReadOnlyList<string>>(
            Directory.Exists(_disk.UploadFolder(session.Id)) ? [_disk.UploadFolder(session.Id)] : []
        );

    private sealed class FixedUrls : IPublicUrls
    {
        public Uri BaseUrl { get; } = new("http://127.0.0.1/");
    }
}

public sealed class S3ResumableUploadsTests : ResumableUploadStorageContract, IAsyncLifetime
{
    private readonly string _raw = "tus-" + Guid.NewGuid().ToString("N")[..12];
    private readonly S3StorageOptions _options;
    private readonly AmazonS3Client _s3;
    private readonly S3ObjectStorage _storage;

    public S3ResumableUploadsTests()
    {
        _options = new S3StorageOptions
        {
            RawBucket = _raw,
            ProductionBucket = _raw,
            ServiceUrl = new Uri(TestEnvironment.Require(TestEnvironment.S3)),
            ForcePathStyle = true,
            AccessKeyId = "S3RVER",
            SecretAccessKey = "S3RVER",
        };
        _s3 = _options.CreateClient();
        _storage = new S3ObjectStorage(_s3, Options.Create(_options));
        Storage = new S3ResumableUploads(_s3, _storage, Options.Create(_options));
    }

    protected override IResumableUploadStorage Storage { get; }

    public async Task InitializeAsync() => await _s3.PutBucketAsync(_raw);

    public Task DisposeAsync()
    {
        _s3.Dispose();
        return Task.CompletedTask;
    }

    protected override Task<string> BeginAsync(UploadSession session) => _storage.BeginUploadAsync(session, default);

    protected override async Task<byte[]> SourceAsync(Guid videoId)
    {
        using var source = await _s3.GetObjectAsync(_raw, S3ObjectStorage.SourceKey(videoId));
        using var bytes = new MemoryStream();
        await source.ResponseStream.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    protected override async Task<IReadOnlyList<string>> LeftoversAsync(UploadSession session)
    {
        var listed = await _s3.ListObjectsV2Async(
            new Amazon.S3.Model.ListObjectsV2Request { BucketName = _raw, Prefix = $"raw/{session.VideoId:N}/" }
        );
        return
        [
            .. (listed.S3Objects ?? []).Select(o => o.Key).Where(k => !k.EndsWith("/source", StringComparison.Ordinal)),
        ];
    }
}
