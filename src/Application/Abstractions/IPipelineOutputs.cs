using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Abstractions;

/// <summary>Reads what a remote pipeline produced for a video (its measured renditions).</summary>
public interface IPipelineOutputs
{
    Task<IReadOnlyList<Rendition>> ReadRenditionsAsync(Guid videoId, CancellationToken ct);
}
