using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Configuration;

namespace StreamEngine.Infrastructure.Storage;

/// <summary>Storage on the local disk, under the data directory: parts in <c>uploads/{upload}</c>, the assembled source
/// in <c>sources/{video}/source</c>, HLS output in <c>media/{video}</c>. Part URLs are signed like S3 presigned part
/// URLs and answer a PUT with an ETag (the part's MD5), so one client works against both.</summary>
public sealed class LocalDiskStorage(
    DataDirectory data,
    UrlSignature signature,
    IPublicUrls urls,
    IClock clock,
    ILogger<LocalDiskStorage> logger
) : IObjectStorage, IUploadPartReceiver
{
    private const int CopyBufferBytes = 128 * 1024;

    public string UploadsRoot => Path.Combine(data.Path, "uploads");

    public string SourceOf(Guid videoId) => Path.Combine(data.Path, "sources", videoId.ToString("N"), "source");

    /// <summary>The assembled source of a video a pipeline job works on; a missing one fails the job for
    /// good.</summary>
    public string RequireSource(Guid videoId)
    {
        var source = SourceOf(videoId);
        return File.Exists(source)
            ? source
            : throw new Transcoder.TranscodeFailedException(
                "The uploaded file is missing; upload the video again.",
                transient: false
            );
    }

    public string MediaOf(Guid videoId) => Path.Combine(data.Path, "media", videoId.ToString("N"));

    public Task<string> BeginUploadAsync(UploadSession session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        Directory.CreateDirectory(UploadFolder(session.Id));
        return Task.FromResult(session.Id.ToString("N"));
    }

    public IReadOnlyList<UploadPartTarget> PartTargets(UploadSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var expires = session.ExpiresAt.ToUnixTimeSeconds();
        var baseUrl = urls.BaseUrl;
        return Enumerable
            .Range(1, session.PartCount)
            .Select(part =>
            {
                var size = session.PartSize(part);
                var sig = signature.Sign(Canonical(session.Id, part, size, expires));
                var url = new Uri(
                    baseUrl,
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"/uploads/{session.Id:N}/parts/{part}?size={size}&expires={expires}&signature={sig}"
                    )
                );
                return new UploadPartTarget(part, url, new Dictionary<string, string>());
            })
            .ToList();
    }

    public async Task<(PartReceipt Result, string? ETag)> ReceiveAsync(
        Guid uploadId,
        int partNumber,
        IReadOnlyDictionary<string, string> query,
        long? contentLength,
        Stream body,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(body);
        if (
            !query.TryGetValue("size", out var sizeText)
            || !long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            || !query.TryGetValue("expires", out var expiresText)
            || !long.TryParse(expiresText, NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || !signature.Verify(Canonical(uploadId, partNumber, size, expires), query.GetValueOrDefault("signature"))
        )
        {
            return (PartReceipt.BadSignature, null);
        }

        if (DateTimeOffset.FromUnixTimeSeconds(expires) <= clock.UtcNow)
        {
            return (PartReceipt.Expired, null);
        }

        var folder = UploadFolder(uploadId);
        if (!Directory.Exists(folder))
        {
            return (PartReceipt.UnknownUpload, null);
        }

        if (contentLength is { } declared && declared != size)
        {
            return (PartReceipt.WrongSize, null);
        }

        // Streamed to a temporary file with the MD5 computed on the way; a re-PUT of the same part replaces it.
        var temp = Path.Combine(folder, $"part-{partNumber:D5}.{Guid.NewGuid():N}.tmp");
        var buffer = new byte[CopyBufferBytes];
        long written = 0;
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        try
        {
            await using (
                var file = new FileStream(
                    temp,
                    FileMode.CreateNew,
                    FileAccess.Write,
                    FileShare.None,
                    1,
                    FileOptions.Asynchronous
                )
            )
            {
                int read;
                while ((read = await body.ReadAsync(buffer, ct)) > 0)
                {
                    written += read;
                    if (written > size)
                    {
                        return (PartReceipt.WrongSize, null);
                    }

                    md5.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }

            if (written != size)
            {
                return (PartReceipt.WrongSize, null);
            }

            var etag = "\"" + Convert.ToHexStringLower(md5.GetHashAndReset()) + "\"";
            var target = PartPath(uploadId, partNumber);
            await File.WriteAllTextAsync(target + ".etag", etag, ct);
            File.Move(temp, target, overwrite: true);
            return (PartReceipt.Stored, etag);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public Task<IReadOnlyList<ReceivedPart>> ListPartsAsync(UploadSession session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var parts = new List<ReceivedPart>();
        for (var part = 1; part <= session.PartCount; part++)
        {
            var path = PartPath(session.Id, part);
            if (File.Exists(path) && File.Exists(path + ".etag"))
            {
                parts.Add(new ReceivedPart(part, new FileInfo(path).Length, File.ReadAllText(path + ".etag")));
            }
        }

        return Task.FromResult<IReadOnlyList<ReceivedPart>>(parts);
    }

    public async Task<Error?> CompleteUploadAsync(
        UploadSession session,
        IReadOnlyList<CompletedPart> parts,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(parts);
        var source = SourceOf(session.VideoId);
        if (File.Exists(source) && !Directory.Exists(UploadFolder(session.Id)))
        {
            return null;
        }

        var received = (await ListPartsAsync(session, ct)).ToDictionary(p => p.PartNumber);
        var numbers = parts.Select(p => p.PartNumber).OrderBy(n => n).ToList();
        if (!numbers.SequenceEqual(Enumerable.Range(1, session.PartCount)) || received.Count != session.PartCount)
        {
            return VideoErrors.PartsIncomplete with
            {
                Message =
                    $"The upload has {session.PartCount} part(s); list each once, after uploading it "
                    + $"({received.Count} received).",
            };
        }

        foreach (var part in parts)
        {
            var stored = received[part.PartNumber];
            if (
                !string.Equals(Unquote(stored.ETag), Unquote(part.ETag), StringComparison.OrdinalIgnoreCase)
                || stored.SizeBytes != session.PartSize(part.PartNumber)
            )
            {
                return VideoErrors.PartMismatch with
                {
                    Message = $"Part {part.PartNumber} does not match what was received; upload it again.",
                };
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        var temp = source + ".partial";
        await using (
            var output = new FileStream(
                temp,
                FileMode.Create,
                FileAccess.Write,
                FileShare.None,
                1,
                FileOptions.Asynchronous
            )
        )
        {
            for (var part = 1; part <= session.PartCount; part++)
            {
                await using var input = new FileStream(
                    PartPath(session.Id, part),
                    FileMode.Open,
                    FileAccess.Read,
                    FileShare.Read,
                    1,
                    FileOptions.Asynchronous | FileOptions.SequentialScan
                );
                await input.CopyToAsync(output, CopyBufferBytes, ct);
            }

            await output.FlushAsync(ct);
        }

        File.Move(temp, source, overwrite: true);
        DeleteFolder(UploadFolder(session.Id));
        return null;
    }

    public Task AbortUploadAsync(UploadSession session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        DeleteFolder(UploadFolder(session.Id));
        return Task.CompletedTask;
    }

    public Task DeleteSourceAsync(Guid videoId, CancellationToken ct)
    {
        DeleteFolder(Path.GetDirectoryName(SourceOf(videoId))!);
        return Task.CompletedTask;
    }

    public Task DeleteMediaAsync(Guid videoId, CancellationToken ct)
    {
        DeleteFolder(MediaOf(videoId));
        foreach (
            var partial in Directory.Exists(Path.Combine(data.Path, "media"))
                ? Directory.GetDirectories(Path.Combine(data.Path, "media"), videoId.ToString("N") + ".partial-*")
                : []
        )
        {
            DeleteFolder(partial);
        }

        return Task.CompletedTask;
    }

    private static string Canonical(Guid uploadId, int part, long size, long expires) =>
        string.Create(CultureInfo.InvariantCulture, $"PUT\nupload-part\n{uploadId:N}\n{part}\n{size}\n{expires}");

    private static string Unquote(string etag) => etag.Trim().Trim('"');

    private string UploadFolder(Guid uploadId) => Path.Combine(UploadsRoot, uploadId.ToString("N"));

    private string PartPath(Guid uploadId, int part) => Path.Combine(UploadFolder(uploadId), $"part-{part:D5}");

    private void DeleteFolder(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not delete {Path}; it will be retried by the next cleanup", path);
        }
    }
}
