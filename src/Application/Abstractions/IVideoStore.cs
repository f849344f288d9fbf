using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Abstractions;

/// <summary>Persistence of the video aggregate. Changes are tracked and written by <see cref="SaveChangesAsync"/>,
/// which writes everything the stores of one scope (one request) changed, as one unit of work.</summary>
public interface IVideoStore
{
    Task<Video?> FindVideoAsync(Guid id, CancellationToken ct);

    /// <summary>Reads a video found earlier again from the store (another writer may have changed it).</summary>
    Task ReloadAsync(Video video, CancellationToken ct);

    Task<IReadOnlyList<Video>> ListVideosOfOwnerAsync(Guid ownerId, CancellationToken ct);

    void AddVideo(Video video);

    void RemoveVideo(Video video);

    Task SaveChangesAsync(CancellationToken ct);
}
