using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Infrastructure.Storage;

/// <summary>Where the pipeline's delivery is not ours to edit (Cloudinary serves its own playlists; AWS output is
/// edited by the pipeline's tasks, not here): every edit is refused with a clear code.</summary>
internal sealed class NoVideoMediaEdits : IVideoMediaEditor
{
    public bool Supports(MediaEdit edit) => false;

    public Task WriteCaptionAsync(
        Guid videoId,
        Caption caption,
        string webVtt,
        double durationSeconds,
        CancellationToken ct
    ) => throw new NotSupportedException();

    public Task PublishCaptionsAsync(Guid videoId, IReadOnlyList<Caption> captions, CancellationToken ct) =>
        throw new NotSupportedException();

    public Task DeleteFilesAsync(Guid videoId, IReadOnlyList<string> files, CancellationToken ct) => Task.CompletedTask;

    public Task<IReadOnlyList<Thumbnail>> ExtractThumbnailsAsync(
        Video video,
        double atSeconds,
        string key,
        CancellationToken ct
    ) => throw new NotSupportedException();

    public ChannelImageUpload BeginThumbnailUpload(Guid userId, long sizeBytes, DateTimeOffset now) =>
        throw new NotSupportedException();

    public Task<(IReadOnlyList<Thumbnail>? Made, string? Refusal)> ThumbnailsFromUploadAsync(
        Video video,
        string token,
        string key,
        CancellationToken ct
    ) => throw new NotSupportedException();

    public Task<long> MakeDownloadAsync(Guid videoId, string file, CancellationToken ct) =>
        throw new NotSupportedException();
}
