using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Storage;
using StreamEngine.TestSupport;

namespace StreamEngine.Infrastructure.Tests;

/// <summary>The S3 adapter against a real S3-compatible server on loopback (s3rver): presigned multipart part URLs
/// and real HTTP PUTs. s3rver implements no ListParts and no AbortMultipartUpload, so those two calls are not
/// exercised here.</summary>
public sealed class S3ObjectStorageTests : IAsyncLifetime
{
    private readonly string _raw = "raw-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _production = "prod-" + Guid.NewGuid().ToString("N")[..12];
    private AmazonS3Client _s3 = null!;
    private S3ObjectStorage _storage = null!;

    public async Task InitializeAsync()
    {
        var url = new Uri(TestEnvironment.Require(TestEnvironment.S3));
        var options = new S3StorageOptions
        {
            RawBucket = _raw,
            ProductionBucket = _production,
            ServiceUrl = url,
            ForcePathStyle = true,
            AccessKeyId = "S3RVER",
            SecretAccessKey = "S3RVER",
        };
        _storage = new S3ObjectStorage(options.CreateClient(), Options.Create(options));
        _s3 = new AmazonS3Client(
            new BasicAWSCredentials("S3RVER", "S3RVER"),
            new AmazonS3Config
            {
                ServiceURL = url.ToString(),
                ForcePathStyle = true,
                UseHttp = true,
                AuthenticationRegion = "us-east-1",
            }
        );
        await _s3.PutBucketAsync(_raw);
        await _s3.PutBucketAsync(_production);
    }

    public Task DisposeAsync()
    {
        _s3.Dispose();
        return Task.CompletedTask;
    }

    private static (Video Video, UploadSession Session) Session(long size, long partSize)
    {
        var now = DateTimeOffset.UtcNow;
        var video = Video.Create(Guid.NewGuid(), "s3", null, now);
        return (video, UploadSession.Start(video, "clip.mp4", "video/mp4", size, partSize, now, TimeSpan.FromHours(1)));
    }

    private static async Task<List<CompletedPart>> PutPartsAsync(
        IReadOnlyList<UploadPartTarget> targets,
        byte[] file,
        long partSize
    )
    {
        using var http = new HttpClient();
        var parts = new List<CompletedPart>();
        foreach (var target in targets)
        {
            var offset = (int)((target.PartNumber - 1) * partSize);
            var length = (int)Math.Min(partSize, file.Length - offset);
            using var response = await http.PutAsync(target.Url, new ByteArrayContent(file, offset, length));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            parts.Add(new CompletedPart(target.PartNumber, response.Headers.ETag!.Tag));
        }

        return parts;
    }

    [Fact]
    public async Task A_multipart_upload_through_presigned_part_urls_assembles_the_source_in_the_raw_bucket()
    {
        var file = new byte[3_500_000];
        Random.Shared.NextBytes(file);
        var (video, session) = Session(file.Length, 1_500_000);
        session.AttachStorageUpload(await _storage.BeginUploadAsync(session, default));

        var targets = _storage.PartTargets(session);
        var parts = await PutPartsAsync(targets, file, session.PartSizeBytes);
        var error = await _storage.CompleteUploadAsync(session, parts, default);

        Assert.Equal(3, targets.Count);
        Assert.All(targets, t => Assert.Contains("X-Amz-Signature=", t.Url.Query, StringComparison.Ordinal));
        Assert.All(targets, t => Assert.Contains("uploadId=", t.Url.Query, StringComparison.Ordinal));
        Assert.Null(error);
        using var stored = await _s3.GetObjectAsync(_raw, S3ObjectStorage.SourceKey(video.Id));
        using var copy = new MemoryStream();
        await stored.ResponseStream.CopyToAsync(copy);
        Assert.Equal(file, copy.ToArray());
    }

    [Fact]
    public async Task Completing_with_a_missing_part_is_refused_and_a_size_other_than_declared_is_removed()
    {
        var file = new byte[2_000_000];
        var (video, session) = Session(file.Length + 10, 1_000_000);
        session.AttachStorageUpload(await _storage.BeginUploadAsync(session, default));
        var targets = _storage.PartTargets(session);
        var parts = await PutPartsAsync(targets.Take(2).ToList(), file, session.PartSizeBytes);

        var missing = await _storage.CompleteUploadAsync(session, parts, default);
        parts.Add(
            new CompletedPart(
                3,
                (await PutPartsAsync([targets[2]], new byte[2_000_000], session.PartSizeBytes))[0].ETag
            )
        );
        var wrongSize = await _storage.CompleteUploadAsync(session, parts, default);

        Assert.Equal("PARTS_INCOMPLETE", missing!.Code);
        Assert.NotNull(wrongSize);
        await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            _s3.GetObjectMetadataAsync(_raw, S3ObjectStorage.SourceKey(video.Id))
        );
    }

    [Fact]
    public async Task Deleting_media_removes_every_object_under_the_video_prefix_and_nothing_else()
    {
        var videoId = Guid.NewGuid();
        var other = Guid.NewGuid();
        foreach (var key in new[] { "master.m3u8", "720p/index.m3u8", "720p/segment_00000.ts", "poster.jpg" })
        {
            await _s3.PutObjectAsync(
                new PutObjectRequest
                {
                    BucketName = _production,
                    Key = S3ObjectStorage.MediaPrefix(videoId) + key,
                    ContentBody = "x",
                }
            );
        }

        await _s3.PutObjectAsync(
            new PutObjectRequest
            {
                BucketName = _production,
                Key = S3ObjectStorage.MediaPrefix(other) + "master.m3u8",
                ContentBody = "x",
            }
        );

        await _storage.DeleteMediaAsync(videoId, default);

        var left = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _production });
        Assert.Equal([S3ObjectStorage.MediaPrefix(other) + "master.m3u8"], (left.S3Objects ?? []).Select(o => o.Key));
    }
}
