using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Channels;
using StreamEngine.Domain.Users;
using StreamEngine.Infrastructure.Configuration;
using StreamEngine.Infrastructure.Pipelines;
using StreamEngine.Transcoder;

namespace StreamEngine.Infrastructure.Storage;

/// <summary>Channel images on the local disk: a signed PUT URL (the same HMAC signing as video part URLs) takes the
/// file into <c>{data}/uploads/images</c>; completion re-encodes it with <see cref="ImageEncoder"/> into
/// <c>{data}/channels/{user}/{kind}-{version}.jpg</c>, served publicly at <c>/channels/{user}/{kind}-{version}.jpg</c>
/// (a new image is a new URL, so the file can be cached for ever).</summary>
public sealed class LocalChannelImages(
    DataDirectory data,
    UrlSignature signature,
    IPublicUrls urls,
    IOptions<PipelineOptions> pipeline,
    ILogger<LocalChannelImages> logger
) : IChannelImages, IChannelImageFiles
{
    private static readonly TimeSpan UploadLifetime = TimeSpan.FromMinutes(30);

    public static (int Width, int Height) SizeOf(ChannelImageKind kind) =>
        kind == ChannelImageKind.Avatar ? (256, 256) : (2048, 512);

    /// <summary>The upload slot of a video's custom thumbnail: received, limited and swept like channel images, and
    /// taken by <see cref="TakeUpload"/> rather than completed here.</summary>
    public const string ThumbnailSlot = "thumbnail";

    public ChannelImageUpload BeginUpload(Guid userId, ChannelImageKind kind, long sizeBytes, DateTimeOffset now) =>
        BeginUpload(userId, Name(kind), sizeBytes, now);

    public ChannelImageUpload BeginUpload(Guid userId, string slot, long sizeBytes, DateTimeOffset now)
    {
        var token = Guid.NewGuid().ToString("N");
        var expires = (now + UploadLifetime).ToUnixTimeSeconds();
        var sig = signature.Sign(Canonical(userId, slot, token, sizeBytes, expires));
        var url = new Uri(
            urls.BaseUrl,
            string.Create(
                CultureInfo.InvariantCulture,
                $"/uploads/images/{userId:N}/{slot}/{token}?size={sizeBytes}&expires={expires}&sig={sig}"
            )
        );
        return new ChannelImageUpload(
            url,
            new Dictionary<string, string>(),
            token,
            DateTimeOffset.FromUnixTimeSeconds(expires)
        );
    }

    /// <summary>Receives the PUT of a signed image URL, refusing a body of another size than signed.</summary>
    public async Task<PartReceipt> ReceiveAsync(
        Guid userId,
        string kind,
        string token,
        IReadOnlyDictionary<string, string> query,
        long? contentLength,
        Stream body,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(body);
        if (
            kind is not ("avatar" or "banner" or ThumbnailSlot)
            || !Guid.TryParseExact(token, "N", out _)
            || !long.TryParse(
                query.GetValueOrDefault("size"),
                NumberStyles.None,
                CultureInfo.InvariantCulture,
                out var size
            )
            || !long.TryParse(
                query.GetValueOrDefault("expires"),
                NumberStyles.None,
                CultureInfo.InvariantCulture,
                out var expires
            )
            || !signature.Verify(Canonical(userId, kind, token, size, expires), query.GetValueOrDefault("sig"))
        )
        {
            return PartReceipt.BadSignature;
        }

        if (now.ToUnixTimeSeconds() > expires)
        {
            return PartReceipt.Expired;
        }

        if (contentLength is { } length && length != size)
        {
            return PartReceipt.WrongSize;
        }

        // URLs cost nothing to mint; bytes on disk do: the quota is checked where bytes arrive (a re-PUT of the same
        // token replaces its own file and is not counted twice).
        var path = UploadPath(userId, kind, token);
        if (!File.Exists(path) && PendingUploads(userId) >= ChannelImageRules.MaxPendingUploads)
        {
            return PartReceipt.QuotaExceeded;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".partial";
        try
        {
            await using (
                var file = new FileStream(
                    partial,
                    FileMode.Create,
                    FileAccess.Write,
                    FileShare.None,
                    1 << 16,
                    useAsync: true
                )
            )
            {
                var buffer = new byte[1 << 16];
                long total = 0;
                int read;
                while ((read = await body.ReadAsync(buffer, ct)) > 0)
                {
                    total += read;
                    if (total > size)
                    {
                        break;
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }

                if (total != size)
                {
                    file.Close();
                    File.Delete(partial);
                    return PartReceipt.WrongSize;
                }
            }

            File.Move(partial, path, overwrite: true);
            return PartReceipt.Stored;
        }
        catch (IOException ex) when (DiskFull.Is(ex))
        {
            File.Delete(partial);
            return PartReceipt.StorageFull;
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    public async Task<(long? Version, string? Refusal)> CompleteUploadAsync(
        Guid userId,
        ChannelImageKind kind,
        string token,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        if (TakeUpload(userId, Name(kind), token) is not { } upload)
        {
            return (null, "No image was uploaded with this token (or it was used already).");
        }

        var version = now.UtcTicks;
        var target = ImagePath(userId, kind, version);
        try
        {
            var (width, height) = SizeOf(kind);
            await new ImageEncoder(pipeline.Value.ToFfmpegOptions()).EncodeAsync(upload, target, width, height, ct);
            return (version, null);
        }
        catch (MediaRejectedException ex)
        {
            logger.LogInformation("Channel image refused for {UserId}: {Reason}", userId, ex.Message);
            return (null, ex.Message);
        }
        finally
        {
            File.Delete(upload);
        }
    }

    /// <summary>The file uploaded to a slot with a token, or null (a malformed token, or nothing uploaded); the caller
    /// deletes it once used.</summary>
    public string? TakeUpload(Guid userId, string slot, string token) =>
        Guid.TryParseExact(token, "N", out _) && UploadPath(userId, slot, token) is var path && File.Exists(path)
            ? path
            : null;

    public Uri? Url(User user, ChannelImageKind kind)
    {
        ArgumentNullException.ThrowIfNull(user);
        var version = kind == ChannelImageKind.Avatar ? user.AvatarVersion : user.BannerVersion;
        return version is { } v ? new Uri(urls.BaseUrl, $"/channels/{user.Id:N}/{FileName(kind, v)}") : null;
    }

    public int PendingUploads(Guid userId) =>
        Directory.Exists(UploadsFolder) ? Directory.GetFiles(UploadsFolder, userId.ToString("N") + "-*").Length : 0;

    /// <summary>The file of a public image URL, or null.</summary>
    public string? Resolve(Guid userId, string fileName)
    {
        var path = Path.Combine(data.Path, "channels", userId.ToString("N"), Path.GetFileName(fileName));
        return
            Path.GetFileName(fileName) == fileName
            && fileName.EndsWith(".jpg", StringComparison.Ordinal)
            && File.Exists(path)
            ? path
            : null;
    }

    public Task DeleteAsync(Guid userId, ChannelImageKind kind, long version, CancellationToken ct)
    {
        File.Delete(ImagePath(userId, kind, version));
        return Task.CompletedTask;
    }

    public Task DeleteAllAsync(Guid userId, CancellationToken ct)
    {
        var folder = Path.Combine(data.Path, "channels", userId.ToString("N"));
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        foreach (
            var upload in Directory.Exists(UploadsFolder)
                ? Directory.GetFiles(UploadsFolder, userId.ToString("N") + "-*")
                : []
        )
        {
            File.Delete(upload);
        }

        return Task.CompletedTask;
    }

    /// <summary>Removes image uploads never completed (their URLs expired long ago); returns how many.</summary>
    public int PruneAbandonedUploads(DateTimeOffset now)
    {
        if (!Directory.Exists(UploadsFolder))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in new DirectoryInfo(UploadsFolder).EnumerateFiles())
        {
            if (file.LastWriteTimeUtc < (now - (2 * UploadLifetime)).UtcDateTime)
            {
                file.Delete();
                removed++;
            }
        }

        return removed;
    }

    private string UploadsFolder => Path.Combine(data.Path, "uploads", "images");

    private string UploadPath(Guid userId, string slot, string token) =>
        Path.Combine(UploadsFolder, $"{userId:N}-{slot}-{token}");

    private string ImagePath(Guid userId, ChannelImageKind kind, long version) =>
        Path.Combine(data.Path, "channels", userId.ToString("N"), FileName(kind, version));

    private static string FileName(ChannelImageKind kind, long version) =>
        string.Create(CultureInfo.InvariantCulture, $"{Name(kind)}-{version}.jpg");

    private static string Name(ChannelImageKind kind) => kind == ChannelImageKind.Avatar ? "avatar" : "banner";

    private static string Canonical(Guid userId, string slot, string token, long size, long expires) =>
        string.Create(CultureInfo.InvariantCulture, $"image|{userId:N}|{slot}|{token}|{size}|{expires}");
}
