using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Abstractions;

/// <summary>Imports waiting for a worker. <see cref="AddImport"/> joins the unit of work of
/// <see cref="IVideoStore.SaveChangesAsync"/>, so a video and its import are saved together.</summary>
public interface IVideoImportStore
{
    void AddImport(VideoImport import);

    Task<int> PendingCountAsync(Guid ownerId, CancellationToken ct);
}
