using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Abstractions;

/// <summary>What may be changed in a READY video's media after its encode.</summary>
public enum MediaEdit
{
    Captions,
    Thumbnails,
    Downloads,
}

/// <summary>Changes a READY video's produced media without re-encoding it: caption files and the master playlist's
/// subtitles group, poster sizes taken from the video, a progressive MP4 remuxed from its top rendition.</summary>
public interface IVideoMediaEditor
{
    /// <summary>Whether this storage and pipeline can make the edit at all.</summary>
    bool Supports(MediaEdit edit);

    /// <summary>Writes a caption's WebVTT file and its one-segment subtitle playlist.</summary>
    Task WriteCaptionAsync(Guid videoId, Caption caption, string webVtt, double durationSeconds, CancellationToken ct);

    /// <summary>Rewrites the master playlist's SUBTITLES group to list exactly these captions.</summary>
    Task PublishCaptionsAsync(Guid videoId, IReadOnlyList<Caption> captions, CancellationToken ct);

    /// <summary>Removes files of the video's media (missing ones are fine).</summary>
    Task DeleteFilesAsync(Guid videoId, IReadOnlyList<string> files, CancellationToken ct);

    /// <summary>Takes the frame at a time from the video's top rendition and stores it in the poster sizes.</summary>
    Task<IReadOnlyList<Thumbnail>> ExtractThumbnailsAsync(
        Video video,
        double atSeconds,
        string key,
        CancellationToken ct
    );

    /// <summary>A signed upload for a custom poster image, on the guarded path of channel images (size, pending-upload
    /// quota, expiry).</summary>
    ChannelImageUpload BeginThumbnailUpload(Guid userId, long sizeBytes, DateTimeOffset now);

    /// <summary>Checks that the file uploaded with the token is an image and stores it in the poster sizes at the
    /// video's shape (scaled to cover, centre-cropped); returns them, or why the file was refused. The upload is
    /// removed either way.</summary>
    Task<(IReadOnlyList<Thumbnail>? Made, string? Refusal)> ThumbnailsFromUploadAsync(
        Video video,
        string token,
        string key,
        CancellationToken ct
    );

    /// <summary>Remuxes the top rendition and the audio into one faststart MP4; returns its size.</summary>
    Task<long> MakeDownloadAsync(Guid videoId, string file, CancellationToken ct);
}
