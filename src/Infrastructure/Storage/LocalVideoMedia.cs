using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Pipelines;
using StreamEngine.Transcoder;

namespace StreamEngine.Infrastructure.Storage;

/// <summary>Edits of media produced by the local pipeline, in its media folder. Every file is written under a
/// temporary name and renamed, so a viewer never reads half a playlist.</summary>
internal sealed class LocalVideoMedia(
    LocalDiskStorage storage,
    LocalChannelImages images,
    IOptions<PipelineOptions> pipeline,
    ILogger<LocalVideoMedia> logger
) : IVideoMediaEditor
{
    /// <summary>The poster sizes: a player's poster and a list's thumbnail (never above the video's size).</summary>
    public static readonly IReadOnlyList<(int Width, int Height)> ThumbnailSizes = [(1280, 720), (320, 180)];

    private MediaEdits Edits => new(pipeline.Value.ToFfmpegOptions());

    public bool Supports(MediaEdit edit) => true;

    public async Task WriteCaptionAsync(
        Guid videoId,
        Caption caption,
        string webVtt,
        double durationSeconds,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(caption);
        ArgumentNullException.ThrowIfNull(webVtt);
        var folder = storage.MediaOf(videoId);
        var top = await TopVariantAsync(folder, ct);

        // Cues align with transport-stream media through its first timestamp (fMP4 media starts at zero).
        if (top is not null && IsTransportStream(Path.Combine(folder, top)))
        {
            var start = await Edits.StartTimeAsync(Path.Combine(folder, top), ct);
            webVtt = webVtt.Replace(
                "WEBVTT\n",
                $"WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:{(long)Math.Round(start * 90_000)},LOCAL:00:00:00.000\n",
                StringComparison.Ordinal
            );
        }

        var vtt = VideoMediaFiles.CaptionVtt(caption);
        await WriteAtomicallyAsync(folder, vtt, webVtt, ct);
        await WriteAtomicallyAsync(
            folder,
            VideoMediaFiles.CaptionPlaylist(caption),
            HlsMasterEdits.SubtitlePlaylist(Path.GetFileName(vtt), durationSeconds),
            ct
        );
    }

    public async Task PublishCaptionsAsync(Guid videoId, IReadOnlyList<Caption> captions, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(captions);
        var folder = storage.MediaOf(videoId);
        var master = await File.ReadAllTextAsync(Path.Combine(folder, HlsPackage.MasterPlaylist), ct);
        var tracks = captions
            .Select(c => new SubtitleTrack(c.Language, c.Label, VideoMediaFiles.CaptionPlaylist(c)))
            .ToList();
        await WriteAtomicallyAsync(folder, HlsPackage.MasterPlaylist, HlsMasterEdits.WithSubtitles(master, tracks), ct);
    }

    public Task DeleteFilesAsync(Guid videoId, IReadOnlyList<string> files, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var file in files)
        {
            File.Delete(Inside(storage.MediaOf(videoId), file));
        }

        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<Thumbnail>> ExtractThumbnailsAsync(
        Video video,
        double atSeconds,
        string key,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(video);
        var folder = storage.MediaOf(video.Id);
        var top = await TopVariantAsync(folder, ct);
        var sizes = ThumbnailSizes
            .Select(s => (s.Width, s.Height, Path: Inside(folder, VideoMediaFiles.Thumbnail(key, s.Width, s.Height))))
            .ToList();
        var written = await Edits.ExtractFrameAsync(
            Path.Combine(folder, top ?? throw new InvalidOperationException("The video has no variant.")),
            atSeconds,
            video.DurationSeconds ?? 0,
            video.Width ?? 1280,
            video.Height ?? 720,
            sizes,
            ct
        );

        // Named by the size asked for, so the file name stays predictable; the measure is the size made.
        return written
            .Select((w, i) => (w, target: sizes[i]))
            .Select(x => new Thumbnail(
                x.w.Width,
                x.w.Height,
                VideoMediaFiles.Thumbnail(key, x.target.Width, x.target.Height)
            ))
            .ToList();
    }

    public ChannelImageUpload BeginThumbnailUpload(Guid userId, long sizeBytes, DateTimeOffset now) =>
        images.BeginUpload(userId, LocalChannelImages.ThumbnailSlot, sizeBytes, now);

    public async Task<(IReadOnlyList<Thumbnail>? Made, string? Refusal)> ThumbnailsFromUploadAsync(
        Video video,
        string token,
        string key,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(video);
        if (images.TakeUpload(video.OwnerId, LocalChannelImages.ThumbnailSlot, token) is not { } upload)
        {
            return (null, "No image was uploaded with this token (or it was used already).");
        }

        var folder = storage.MediaOf(video.Id);
        var made = new List<Thumbnail>();
        try
        {
            foreach (var (boxWidth, boxHeight) in ThumbnailSizes)
            {
                var (width, height) = Cover(boxWidth, boxHeight, video.Width, video.Height);
                var file = VideoMediaFiles.Thumbnail(key, boxWidth, boxHeight);
                await new ImageEncoder(pipeline.Value.ToFfmpegOptions()).EncodeAsync(
                    upload,
                    Inside(folder, file),
                    width,
                    height,
                    ct
                );
                made.Add(new Thumbnail(width, height, file));
            }

            return (made, null);
        }
        catch (MediaRejectedException ex)
        {
            logger.LogInformation("Thumbnail image refused for video {VideoId}: {Reason}", video.Id, ex.Message);
            await DeleteFilesAsync(video.Id, made.Select(t => t.File).ToList(), CancellationToken.None);
            return (null, ex.Message);
        }
        finally
        {
            File.Delete(upload);
        }
    }

    public async Task<long> MakeDownloadAsync(Guid videoId, string file, CancellationToken ct)
    {
        var folder = storage.MediaOf(videoId);
        var top = await TopVariantAsync(folder, ct);
        string? audio = Path.Combine(folder, RenditionLadder.AudioName, "index.m3u8");
        if (top == RenditionLadder.AudioName + "/index.m3u8")
        {
            // An audio-only video: its one rendition is the download.
            audio = null;
        }

        var target = Inside(folder, file);
        var partial = target + ".partial";
        await Edits.RemuxAsync(
            Path.Combine(folder, top ?? throw new InvalidOperationException("The video has no variant.")),
            audio is not null && File.Exists(audio) ? audio : null,
            partial,
            ct
        );
        File.Move(partial, target, overwrite: true);
        return new FileInfo(target).Length;
    }

    /// <summary>The master's top H.264 variant (the rendition thumbnails, captions' timing and downloads come
    /// from).</summary>
    private static async Task<string?> TopVariantAsync(string folder, CancellationToken ct) =>
        HlsMasterEdits.TopH264Variant(await File.ReadAllTextAsync(Path.Combine(folder, HlsPackage.MasterPlaylist), ct));

    /// <summary>The largest even size of the video's shape inside a poster box (the box itself for audio
    /// alone).</summary>
    private static (int Width, int Height) Cover(int boxWidth, int boxHeight, int? videoWidth, int? videoHeight)
    {
        if (videoWidth is not > 0 || videoHeight is not > 0)
        {
            return (boxWidth, boxHeight);
        }

        var scale = Math.Min((double)boxWidth / videoWidth.Value, (double)boxHeight / videoHeight.Value);
        return (
            Math.Max(2, (int)Math.Round(videoWidth.Value * scale / 2) * 2),
            Math.Max(2, (int)Math.Round(videoHeight.Value * scale / 2) * 2)
        );
    }

    private static bool IsTransportStream(string playlist) =>
        File.ReadLines(playlist).Any(l => l.EndsWith(".ts", StringComparison.Ordinal));

    private static async Task WriteAtomicallyAsync(string folder, string file, string text, CancellationToken ct)
    {
        var path = Inside(folder, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        await File.WriteAllTextAsync(temporary, text, ct);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>A path inside the video's folder; anything that would leave it is refused.</summary>
    private static string Inside(string folder, string relative)
    {
        var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(root, relative));
        return path.StartsWith(root, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException("The file is outside the video's media.", nameof(relative));
    }
}
