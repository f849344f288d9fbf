namespace StreamEngine.Application.Abstractions;

/// <summary>What a source file turned out to be, or why it is refused.</summary>
public sealed record SourceInspection(
    bool Accepted,
    string? Reason,
    double DurationSeconds,
    int Width,
    int Height,
    long SizeBytes
);

/// <summary>Checks an assembled source: a decodable video in an allowed container.</summary>
public interface IMediaInspector
{
    Task<SourceInspection> InspectSourceAsync(Guid videoId, CancellationToken ct);
}
