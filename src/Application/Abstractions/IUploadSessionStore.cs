using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Abstractions;

/// <summary>Persistence of upload sessions; <see cref="SaveChangesAsync"/> is the scope's one unit of work.</summary>
public interface IUploadSessionStore
{
    Task<UploadSession?> FindUploadAsync(Guid id, CancellationToken ct);

    Task<IReadOnlyList<UploadSession>> ListUploadsOfVideoAsync(Guid videoId, CancellationToken ct);

    Task<IReadOnlyList<UploadSession>> ListExpiredOpenUploadsAsync(DateTimeOffset now, int max, CancellationToken ct);

    /// <summary>How many upload sessions the owner has open, and the bytes they declared in all.</summary>
    Task<(int Count, long Bytes)> OpenUploadsOfOwnerAsync(Guid ownerId, DateTimeOffset now, CancellationToken ct);

    void AddUpload(UploadSession session);

    void RemoveUpload(UploadSession session);

    Task SaveChangesAsync(CancellationToken ct);
}
