using System.Globalization;
using System.Security.Cryptography;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Infrastructure.Storage;

/// <summary>Receives one part PUT to a signed part URL of <see cref="LocalDiskStorage"/>: checks the signature, the
/// expiry and the size, streams the body to a temporary file while hashing it, and moves it into place with its ETag
/// (the part's MD5), so a part is either wholly there or absent.</summary>
public sealed class LocalUploadPartReceiver(LocalDiskStorage storage, UrlSignature signature, IClock clock)
    : IUploadPartReceiver
{
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
            || !signature.Verify(
                LocalDiskStorage.Canonical(uploadId, partNumber, size, expires),
                query.GetValueOrDefault("signature")
            )
        )
        {
            return (PartReceipt.BadSignature, null);
        }

        if (DateTimeOffset.FromUnixTimeSeconds(expires) <= clock.UtcNow)
        {
            return (PartReceipt.Expired, null);
        }

        var folder = storage.UploadFolder(uploadId);
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
        var buffer = new byte[LocalDiskStorage.CopyBufferBytes];
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
            var target = storage.PartPath(uploadId, partNumber);
            await File.WriteAllTextAsync(target + ".etag", etag, ct);
            File.Move(temp, target, overwrite: true);
            return (PartReceipt.Stored, etag);
        }
        catch (IOException ex) when (DiskFull.Is(ex))
        {
            return (PartReceipt.StorageFull, null);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
