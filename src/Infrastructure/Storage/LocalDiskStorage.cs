using System.Globalization;
using Microsoft.Extensions.Logging;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Configuration;

namespace StreamEngine.Infrastructure.Storage;

/// <summary>Storage on the local disk, under the data directory: parts in <c>uploads/{upload}</c>, the assembled source
/// in <c>sources/{video}/source</c>, HLS output in <c>media/{video}</c>. Part URLs are signed like S3 presigned part
/// URLs and answer a PUT with an ETag (the part's MD5), so one client works against both; the PUTs themselves are
/// <see cref="LocalUploadPartReceiver"/>'s.</summary>
public sealed class LocalDiskStorage(
    DataDirectory data,
    UrlSignature signature,
    IPublicUrls urls,
    Failpoints failpoints,
    ILogger<LocalDiskStorage> logger
) : IObjectStorage
{
    internal const int CopyBufferBytes = 128 * 1024;

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
                await failpoints.ReachAsync(Failpoints.Assembly, ct);
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

    public Task StoreSourceAsync(Guid videoId, string file, CancellationToken ct)
    {
        var target = SourceOf(videoId);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(file, target, overwrite: true);
        return Task.CompletedTask;
    }

    public Task DeleteMediaAsync(Guid videoId, CancellationToken ct)
    {
        DeleteFolder(MediaOf(videoId));
        DeleteScratch(videoId);
        return Task.CompletedTask;
    }

    /// <summary>Removes the scratch folders of earlier attempts at a video's transcode (a process killed mid-encode
    /// leaves one behind). Safe when a job starts: its lease makes it the only one working on the video.</summary>
    public void DeleteScratch(Guid videoId)
    {
        foreach (
            var partial in Directory.Exists(Path.Combine(data.Path, "media"))
                ? Directory.GetDirectories(Path.Combine(data.Path, "media"), videoId.ToString("N") + ".partial-*")
                : []
        )
        {
            DeleteFolder(partial);
        }
    }

    internal static string Canonical(Guid uploadId, int part, long size, long expires) =>
        string.Create(CultureInfo.InvariantCulture, $"PUT\nupload-part\n{uploadId:N}\n{part}\n{size}\n{expires}");

    private static string Unquote(string etag) => etag.Trim().Trim('"');

    internal string UploadFolder(Guid uploadId) => Path.Combine(UploadsRoot, uploadId.ToString("N"));

    internal string PartPath(Guid uploadId, int part) => Path.Combine(UploadFolder(uploadId), $"part-{part:D5}");

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
