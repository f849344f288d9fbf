using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Configuration;

namespace StreamEngine.Infrastructure.Storage;

/// <summary>The <c>StreamEngine:S3</c> section: a raw bucket for uploads, a production bucket for HLS output.</summary>
public sealed class S3StorageOptions
{
    public const string Section = "StreamEngine:S3";

    public string RawBucket { get; set; } = string.Empty;

    public string ProductionBucket { get; set; } = string.Empty;

    public string Region { get; set; } = "us-east-1";

    /// <summary>An S3-compatible endpoint (MinIO, s3rver); empty for AWS.</summary>
    public Uri? ServiceUrl { get; set; }

    public bool ForcePathStyle { get; set; }

    /// <summary>Empty: the default AWS credential chain (instance or task role).</summary>
    public string? AccessKeyId { get; set; }

    public string? SecretAccessKey { get; set; }

    public AmazonS3Client CreateClient()
    {
        var config = AwsClientSettings.Configure(
            new AmazonS3Config { ForcePathStyle = ForcePathStyle },
            Region,
            ServiceUrl
        );
        return AwsClientSettings.Credentials(AccessKeyId, SecretAccessKey) is { } credentials
            ? new AmazonS3Client(credentials, config)
            : new AmazonS3Client(config);
    }
}

/// <summary>Storage in S3 (<c>StreamEngine:Storage:Provider = S3</c>): presigned multipart uploads into the raw
/// bucket (CreateMultipartUpload, one presigned UploadPart URL per part, CompleteMultipartUpload with the client's
/// ETags, AbortMultipartUpload), the declared size enforced after completion, and HLS output under
/// <c>{video}/</c> in the production bucket.</summary>
public sealed class S3ObjectStorage(IAmazonS3 s3, IOptions<S3StorageOptions> options) : IObjectStorage
{
    private readonly IAmazonS3 _s3 = s3;
    private readonly S3StorageOptions _options = options.Value;

    public static string SourceKey(Guid videoId) => $"raw/{videoId:N}/source";

    public static string MediaPrefix(Guid videoId) => $"{videoId:N}/";

    public async Task<string> BeginUploadAsync(UploadSession session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var started = await _s3.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest
            {
                BucketName = _options.RawBucket,
                Key = SourceKey(session.VideoId),
                ContentType = session.ContentType,
            },
            ct
        );
        return started.UploadId;
    }

    public IReadOnlyList<UploadPartTarget> PartTargets(UploadSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Enumerable
            .Range(1, session.PartCount)
            .Select(part => new UploadPartTarget(
                part,
                new Uri(
                    _s3.GetPreSignedURL(
                        new GetPreSignedUrlRequest
                        {
                            BucketName = _options.RawBucket,
                            Key = SourceKey(session.VideoId),
                            Verb = HttpVerb.PUT,
                            UploadId = session.StorageUploadId,
                            PartNumber = part,
                            Expires = session.ExpiresAt.UtcDateTime,
                            Protocol =
                                _options.ServiceUrl?.Scheme == Uri.UriSchemeHttp ? Protocol.HTTP : Protocol.HTTPS,
                        }
                    )
                ),
                new Dictionary<string, string>()
            ))
            .ToList();
    }

    public async Task<IReadOnlyList<ReceivedPart>> ListPartsAsync(UploadSession session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var parts = new List<ReceivedPart>();
        int? marker = null;
        do
        {
            var page = await _s3.ListPartsAsync(
                new ListPartsRequest
                {
                    BucketName = _options.RawBucket,
                    Key = SourceKey(session.VideoId),
                    UploadId = session.StorageUploadId,
                    PartNumberMarker = marker?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
                ct
            );
            parts.AddRange((page.Parts ?? []).Select(p => new ReceivedPart(p.PartNumber ?? 0, p.Size ?? 0, p.ETag)));
            marker = page.IsTruncated == true ? page.NextPartNumberMarker : null;
        } while (marker is not null);
        return parts;
    }

    public async Task<Error?> CompleteUploadAsync(
        UploadSession session,
        IReadOnlyList<CompletedPart> parts,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(parts);
        if (!parts.Select(p => p.PartNumber).Order().SequenceEqual(Enumerable.Range(1, session.PartCount)))
        {
            return VideoErrors.PartsIncomplete with
            {
                Message = $"The upload has {session.PartCount} part(s); list each once, after uploading it.",
            };
        }

        try
        {
            await _s3.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest
                {
                    BucketName = _options.RawBucket,
                    Key = SourceKey(session.VideoId),
                    UploadId = session.StorageUploadId,
                    PartETags = parts
                        .OrderBy(p => p.PartNumber)
                        .Select(p => new PartETag(p.PartNumber, p.ETag))
                        .ToList(),
                },
                ct
            );
        }
        catch (AmazonS3Exception ex)
            when (ex.ErrorCode is "InvalidPart" or "InvalidPartOrder" or "EntityTooSmall" or "NoSuchUpload")
        {
            return ex.ErrorCode == "NoSuchUpload" ? VideoErrors.UploadExpired : VideoErrors.PartMismatch;
        }

        // Presigned part URLs cannot bind a length: the declared size is enforced on the assembled object.
        var head = await _s3.GetObjectMetadataAsync(_options.RawBucket, SourceKey(session.VideoId), ct);
        if (head.ContentLength != session.SizeBytes)
        {
            await DeleteSourceAsync(session.VideoId, ct);
            return new Error(
                "SIZE_MISMATCH",
                $"The uploaded file has {head.ContentLength} bytes, not the {session.SizeBytes} declared.",
                "parts"
            );
        }

        return null;
    }

    public async Task AbortUploadAsync(UploadSession session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Protocol == UploadProtocol.Tus)
        {
            await _s3.DeleteObjectAsync(_options.RawBucket, S3ResumableUploads.TailKey(session.VideoId), ct);
            await _s3.DeleteObjectAsync(_options.RawBucket, S3ResumableUploads.ManifestKey(session.VideoId), ct);
        }

        try
        {
            await _s3.AbortMultipartUploadAsync(
                _options.RawBucket,
                SourceKey(session.VideoId),
                session.StorageUploadId,
                ct
            );
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone (completed, aborted, or removed by the bucket's lifecycle rule).
        }
    }

    public Task DeleteSourceAsync(Guid videoId, CancellationToken ct) =>
        _s3.DeleteObjectAsync(_options.RawBucket, SourceKey(videoId), ct);

    public async Task StoreSourceAsync(Guid videoId, string file, CancellationToken ct)
    {
        try
        {
            await _s3.PutObjectAsync(
                new PutObjectRequest
                {
                    BucketName = _options.RawBucket,
                    Key = SourceKey(videoId),
                    FilePath = file,
                    UseChunkEncoding = false,
                },
                ct
            );
        }
        finally
        {
            File.Delete(file);
        }
    }

    public async Task DeleteMediaAsync(Guid videoId, CancellationToken ct)
    {
        string? token = null;
        do
        {
            var page = await _s3.ListObjectsV2Async(
                new ListObjectsV2Request
                {
                    BucketName = _options.ProductionBucket,
                    Prefix = MediaPrefix(videoId),
                    ContinuationToken = token,
                },
                ct
            );
            foreach (var batch in (page.S3Objects ?? []).Chunk(1000))
            {
                await _s3.DeleteObjectsAsync(
                    new DeleteObjectsRequest
                    {
                        BucketName = _options.ProductionBucket,
                        Objects = batch.Select(o => new KeyVersion { Key = o.Key }).ToList(),
                    },
                    ct
                );
            }

            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        } while (token is not null);
    }
}
