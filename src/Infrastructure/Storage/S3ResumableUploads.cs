using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Infrastructure.Storage;

/// <summary>tus uploads on S3, mapped onto the session's multipart upload: every full
/// <see cref="UploadSession.PartSizeBytes"/> of bytes becomes the next part, recorded (with its ETag) in a manifest
/// object, <c>raw/{video}/tus-parts</c>, once stored; the bytes after the last full part wait in a tail object,
/// <c>raw/{video}/tus-tail</c>, that records how many parts it follows. A crash between two of these writes leaves a
/// part the manifest does not list (it is written again) or a tail that follows fewer parts (it is ignored), never a
/// byte counted twice. The offset is the listed parts' bytes plus the tail's; the last byte uploads the tail as the
/// final part and completes the multipart upload with the manifest's ETags. Nothing is held between requests, so
/// any instance serves the next PATCH; concurrent PATCHes of one upload are refused within an instance (a client that
/// sends two to two instances at once only spoils its own upload). Every write is sent without aws-chunked encoding
/// (its length is known), which every S3-compatible server accepts.</summary>
public sealed class S3ResumableUploads(IAmazonS3 s3, S3ObjectStorage storage, IOptions<S3StorageOptions> options)
    : IResumableUploadStorage
{
    private const string AfterPartsMetadata = "after-parts";
    private readonly string _bucket = options.Value.RawBucket;
    private readonly ConcurrentDictionary<Guid, byte> _appending = new();

    public static string TailKey(Guid videoId) => $"raw/{videoId:N}/tus-tail";

    public static string ManifestKey(Guid videoId) => $"raw/{videoId:N}/tus-parts";

    public async Task<long> OffsetAsync(UploadSession session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var parts = await ManifestAsync(session, ct);
        return (parts.Count * session.PartSizeBytes) + await TailLengthAsync(session, parts.Count, ct);
    }

    public async Task<AppendResult> AppendAsync(
        UploadSession session,
        long expectedOffset,
        Stream body,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(body);
        if (!_appending.TryAdd(session.Id, 0))
        {
            return new AppendResult(AppendOutcome.Locked, -1);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(checked((int)session.PartSizeBytes));
        try
        {
            var parts = await ManifestAsync(session, ct);
            var tail = await TailLengthAsync(session, parts.Count, ct);
            var offset = (parts.Count * session.PartSizeBytes) + tail;
            if (offset != expectedOffset)
            {
                return new AppendResult(AppendOutcome.OffsetMismatch, offset);
            }

            var filled = tail > 0 ? await ReadTailAsync(session, buffer, (int)tail, ct) : 0;
            var partsBefore = parts.Count;
            var (stored, broken) = await FillPartsAsync(session, parts, buffer, filled, body, ct);
            if (parts.Count != partsBefore || stored != filled)
            {
                await WriteTailAsync(session, parts.Count, buffer, stored);
            }

            broken?.Throw();
            return new AppendResult(AppendOutcome.Appended, (parts.Count * session.PartSizeBytes) + stored);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            _appending.TryRemove(session.Id, out _);
        }
    }

    public async Task FinishAsync(UploadSession session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!await SourceCompleteAsync(session, ct))
        {
            var parts = await ManifestAsync(session, ct);
            var tail = await TailLengthAsync(session, parts.Count, ct);
            if (tail > 0)
            {
                var buffer = new byte[tail];
                await ReadTailAsync(session, buffer, (int)tail, ct);
                parts.Add(await UploadPartAsync(session, parts.Count + 1, buffer, (int)tail));
            }

            if (await storage.CompleteUploadAsync(session, parts, ct) is { } error)
            {
                throw new InvalidOperationException($"Upload {session.Id} could not be completed: {error.Message}");
            }
        }

        await s3.DeleteObjectAsync(_bucket, TailKey(session.VideoId), ct);
        await s3.DeleteObjectAsync(_bucket, ManifestKey(session.VideoId), ct);
    }

    /// <summary>Reads the body into the buffer after its first <paramref name="filled"/> bytes; each full buffer
    /// becomes the next part, added to <paramref name="parts"/> and the manifest. A body that fails is captured, not
    /// thrown: its bytes so far still count.</summary>
    private async Task<(int Filled, ExceptionDispatchInfo? Broken)> FillPartsAsync(
        UploadSession session,
        List<CompletedPart> parts,
        byte[] buffer,
        int filled,
        Stream body,
        CancellationToken ct
    )
    {
        var size = (int)session.PartSizeBytes;
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(filled, size - filled), ct)) > 0)
            {
                filled += read;
                if (filled == size)
                {
                    parts.Add(await UploadPartAsync(session, parts.Count + 1, buffer, size));
                    await WriteManifestAsync(session, parts);
                    filled = 0;
                }
            }

            return (filled, null);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            return (filled, ExceptionDispatchInfo.Capture(ex));
        }
    }

    private async Task<bool> SourceCompleteAsync(UploadSession session, CancellationToken ct)
    {
        try
        {
            var head = await s3.GetObjectMetadataAsync(_bucket, S3ObjectStorage.SourceKey(session.VideoId), ct);
            return head.ContentLength == session.SizeBytes;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private async Task<List<CompletedPart>> ManifestAsync(UploadSession session, CancellationToken ct)
    {
        try
        {
            using var manifest = await s3.GetObjectAsync(_bucket, ManifestKey(session.VideoId), ct);
            return await JsonSerializer.DeserializeAsync<List<CompletedPart>>(manifest.ResponseStream, Json, ct) ?? [];
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }
    }

    private Task<PutObjectResponse> WriteManifestAsync(UploadSession session, List<CompletedPart> parts) =>
        s3.PutObjectAsync(
            new PutObjectRequest
            {
                BucketName = _bucket,
                Key = ManifestKey(session.VideoId),
                ContentBody = JsonSerializer.Serialize(parts, Json),
                ContentType = "application/json",
                UseChunkEncoding = false,
            },
            CancellationToken.None
        );

    /// <summary>The tail's length when it follows <paramref name="parts"/> parts; 0 when absent or stale.</summary>
    private async Task<long> TailLengthAsync(UploadSession session, int parts, CancellationToken ct)
    {
        try
        {
            var head = await s3.GetObjectMetadataAsync(_bucket, TailKey(session.VideoId), ct);
            var after = head.Metadata[AfterPartsMetadata];
            return after == parts.ToString(CultureInfo.InvariantCulture) ? head.ContentLength : 0;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return 0;
        }
    }

    private async Task<int> ReadTailAsync(UploadSession session, byte[] buffer, int length, CancellationToken ct)
    {
        using var tail = await s3.GetObjectAsync(_bucket, TailKey(session.VideoId), ct);
        await tail.ResponseStream.ReadExactlyAsync(buffer.AsMemory(0, length), ct);
        return length;
    }

    // Bytes already read from a client are stored even when its request is being aborted.
    private async Task WriteTailAsync(UploadSession session, int parts, byte[] buffer, int filled)
    {
        if (filled == 0)
        {
            await s3.DeleteObjectAsync(_bucket, TailKey(session.VideoId), CancellationToken.None);
            return;
        }

        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = TailKey(session.VideoId),
            InputStream = new MemoryStream(buffer, 0, filled, writable: false),
            UseChunkEncoding = false,
        };
        request.Metadata.Add(AfterPartsMetadata, parts.ToString(CultureInfo.InvariantCulture));
        await s3.PutObjectAsync(request, CancellationToken.None);
    }

    private async Task<CompletedPart> UploadPartAsync(UploadSession session, int partNumber, byte[] buffer, int length)
    {
        var response = await s3.UploadPartAsync(
            new UploadPartRequest
            {
                BucketName = _bucket,
                Key = S3ObjectStorage.SourceKey(session.VideoId),
                UploadId = session.StorageUploadId,
                PartNumber = partNumber,
                InputStream = new MemoryStream(buffer, 0, length, writable: false),
                UseChunkEncoding = false,
            },
            CancellationToken.None
        );
        return new CompletedPart(partNumber, response.ETag);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
