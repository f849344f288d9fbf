using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Fakes;

/// <summary>A video's produced media in memory: files by path, the captions the master lists, and a switch for
/// pipelines that cannot edit media.</summary>
public sealed class FakeVideoMedia : IVideoMediaEditor
{
    public Dictionary<(Guid Video, string File), string> Files { get; } = [];

    public Dictionary<Guid, IReadOnlyList<string>> MasterCaptions { get; } = [];

    public bool Supported { get; set; } = true;

    public bool FailDownloads { get; set; }

    /// <summary>Custom poster uploads waiting, by token: whether the file is an image.</summary>
    public Dictionary<string, bool> ThumbnailUploads { get; } = [];

    public bool Supports(MediaEdit edit) => Supported;

    public Task WriteCaptionAsync(
        Guid videoId,
        Caption caption,
        string webVtt,
        double durationSeconds,
        CancellationToken ct
    )
    {
        Files[(videoId, $"captions/{caption.Key}.vtt")] = webVtt;
        Files[(videoId, $"captions/{caption.Key}.m3u8")] = "#EXTM3U";
        return Task.CompletedTask;
    }

    public Task PublishCaptionsAsync(Guid videoId, IReadOnlyList<Caption> captions, CancellationToken ct)
    {
        MasterCaptions[videoId] = captions.Select(c => c.Language).ToList();
        return Task.CompletedTask;
    }

    public Task DeleteFilesAsync(Guid videoId, IReadOnlyList<string> files, CancellationToken ct)
    {
        foreach (var file in files)
        {
            Files.Remove((videoId, file));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Thumbnail>> ExtractThumbnailsAsync(
        Video video,
        double atSeconds,
        string key,
        CancellationToken ct
    )
    {
        IReadOnlyList<Thumbnail> made =
        [
            new(1280, 720, $"thumbnails/{key}-1280x720.jpg"),
            new(320, 180, $"thumbnails/{key}-320x180.jpg"),
        ];
        foreach (var thumbnail in made)
        {
            Files[(video.Id, thumbnail.File)] = $"frame at {atSeconds}";
        }

        return Task.FromResult(made);
    }

    public ChannelImageUpload BeginThumbnailUpload(Guid userId, long sizeBytes, DateTimeOffset now)
    {
        var token = $"{userId:N}-thumbnail-{ThumbnailUploads.Count}";
        ThumbnailUploads[token] = true;
        return new ChannelImageUpload(
            new Uri("http://127.0.0.1/images/" + token),
            new Dictionary<string, string>(),
            token,
            now.AddMinutes(30)
        );
    }

    public Task<(IReadOnlyList<Thumbnail>? Made, string? Refusal)> ThumbnailsFromUploadAsync(
        Video video,
        string token,
        string key,
        CancellationToken ct
    )
    {
        if (
            !token.StartsWith(video.OwnerId.ToString("N"), StringComparison.Ordinal)
            || !ThumbnailUploads.Remove(token, out var isImage)
        )
        {
            return Task.FromResult<(IReadOnlyList<Thumbnail>?, string?)>((null, "No image was uploaded."));
        }

        if (!isImage)
        {
            return Task.FromResult<(IReadOnlyList<Thumbnail>?, string?)>((null, "The file is not an image."));
        }

        IReadOnlyList<Thumbnail> made =
        [
            new(1280, 720, $"thumbnails/{key}-1280x720.jpg"),
            new(320, 180, $"thumbnails/{key}-320x180.jpg"),
        ];
        foreach (var thumbnail in made)
        {
            Files[(video.Id, thumbnail.File)] = "uploaded image";
        }

        return Task.FromResult<(IReadOnlyList<Thumbnail>?, string?)>((made, null));
    }

    public Task<long> MakeDownloadAsync(Guid videoId, string file, CancellationToken ct)
    {
        if (FailDownloads)
        {
            throw new IOException("remux failed");
        }

        Files[(videoId, file)] = "mp4";
        return Task.FromResult(12_345L);
    }
}

/// <summary>Downloads queued in memory; a test runs or forgets them.</summary>
public sealed class FakeDownloadWork : IDownloadWork
{
    public List<(Guid VideoId, string File)> Started { get; } = [];

    public HashSet<Guid> Running { get; } = [];

    public bool IsRunning(Guid videoId) => Running.Contains(videoId);

    public void Start(Guid videoId, string file)
    {
        Started.Add((videoId, file));
        Running.Add(videoId);
    }
}
