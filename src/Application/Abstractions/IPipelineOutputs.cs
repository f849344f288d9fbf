using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Abstractions;

/// <summary>What a remote pipeline produced: the measured variants and, when it made one, the storyboard.</summary>
public sealed record PipelineOutput(IReadOnlyList<Rendition> Renditions, Storyboard? Storyboard);

/// <summary>Reads what a remote pipeline produced for a video.</summary>
public interface IPipelineOutputs
{
    Task<PipelineOutput> ReadAsync(Guid videoId, CancellationToken ct);
}
