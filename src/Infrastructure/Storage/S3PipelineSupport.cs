using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Pipelines;
using StreamEngine.Transcoder;

namespace StreamEngine.Infrastructure.Storage;

/// <summary>Checks an upload completed into S3: the object is streamed to a temporary file (never held in memory),
/// probed with the guarded ffprobe, and the file removed.</summary>
internal sealed class S3MediaInspector(
    IAmazonS3 s3,
    IOptions<S3StorageOptions> storage,
    IOptions<PipelineOptions> pipeline
) : IMediaInspector
{
    public async Task<SourceInspection> InspectSourceAsync(Guid videoId, CancellationToken ct)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"streamengine-inspect-{Guid.NewGuid():N}");
        try
        {
            using (
                var response = await s3.GetObjectAsync(storage.Value.RawBucket, S3ObjectStorage.SourceKey(videoId), ct)
            )
            await using (
                var file = new FileStream(
                    temp,
                    FileMode.CreateNew,
                    FileAccess.Write,
                    FileShare.None,
                    1 << 16,
                    FileOptions.Asynchronous
                )
            )
            {
                await response.ResponseStream.CopyToAsync(file, 1 << 16, ct);
            }

            var size = new FileInfo(temp).Length;
            try
            {
                var probe = await new MediaProbe(pipeline.Value.ToFfmpegOptions()).ProbeAsync(temp, ct);
                return new SourceInspection(true, null, probe.DurationSeconds, probe.Width, probe.Height, size);
            }
            catch (MediaRejectedException ex)
            {
                return new SourceInspection(false, ex.Message, 0, 0, 0, size);
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }
}

/// <summary>Reads the renditions a remote pipeline measured (the transcoder task's rendition.json files) from the
/// production bucket.</summary>
internal sealed class S3PipelineOutputs(IAmazonS3 s3, IOptions<S3StorageOptions> storage) : IPipelineOutputs
{
    public async Task<IReadOnlyList<Rendition>> ReadRenditionsAsync(Guid videoId, CancellationToken ct)
    {
        var renditions = new List<Rendition>();
        var page = await s3.ListObjectsV2Async(
            new ListObjectsV2Request
            {
                BucketName = storage.Value.ProductionBucket,
                Prefix = S3ObjectStorage.MediaPrefix(videoId),
            },
            ct
        );
        foreach (
            var manifest in (page.S3Objects ?? []).Where(o =>
                o.Key.EndsWith("/" + HlsPackage.RenditionManifest, StringComparison.Ordinal)
            )
        )
        {
            using var response = await s3.GetObjectAsync(storage.Value.ProductionBucket, manifest.Key, ct);
            if (
                await JsonSerializer.DeserializeAsync<RenditionOutput>(
                    response.ResponseStream,
                    cancellationToken: ct
                ) is
                { } output
            )
            {
                renditions.Add(
                    new Rendition(
                        output.Name,
                        output.Width,
                        output.Height,
                        output.PeakBandwidth,
                        output.AverageBandwidth,
                        output.Codecs
                    )
                );
            }
        }

        return renditions.OrderByDescending(r => r.Height).ToList();
    }
}
