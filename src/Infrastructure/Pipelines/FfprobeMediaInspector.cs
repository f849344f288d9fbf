using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Infrastructure.Storage;
using StreamEngine.Transcoder;

namespace StreamEngine.Infrastructure.Pipelines;

/// <summary>Inspects an assembled source with the transcoder's guarded ffprobe.</summary>
internal sealed class FfprobeMediaInspector(LocalDiskStorage storage, IOptions<PipelineOptions> options)
    : IMediaInspector
{
    public async Task<SourceInspection> InspectSourceAsync(Guid videoId, CancellationToken ct)
    {
        var path = storage.SourceOf(videoId);
        var size = new FileInfo(path).Length;
        try
        {
            var probe = await new MediaProbe(options.Value.ToFfmpegOptions()).ProbeAsync(path, ct);
            return new SourceInspection(true, null, probe.DurationSeconds, probe.Width, probe.Height, size);
        }
        catch (MediaRejectedException ex)
        {
            return new SourceInspection(false, ex.Message, 0, 0, 0, size);
        }
    }
}
