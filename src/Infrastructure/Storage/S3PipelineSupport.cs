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

/// <summary>Reads what a remote pipeline produced from the production bucket: the master task's outputs.json (the
/// variants as the master lists them, and the storyboard), or, from a task that predates it, the rendition tasks'
/// rendition.json files.</summary>
internal sealed class S3PipelineOutputs(IAmazonS3 s3, IOptions<S3StorageOptions> storage) : IPipelineOutputs
{
    public async Task<PipelineOutput> ReadAsync(Guid videoId, CancellationToken ct)
    {
        var bucket = storage.Value.ProductionBucket;
        var prefix = S3ObjectStorage.MediaPrefix(videoId);
        var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix }, ct);
        var keys = (page.S3Objects ?? []).Select(o => o.Key).ToList();
        if (keys.Contains(prefix + HlsPackage.OutputsManifest))
        {
            var ladder = await ReadJsonAsync<LadderOutputs>(bucket, prefix + HlsPackage.OutputsManifest, ct);
            return new PipelineOutput(
                ladder?.Variants.Select(Of).ToList() ?? [],
                PipelineStoryboard.Of(ladder?.Storyboard)
            );
        }

        var renditions = new List<Rendition>();
        foreach (var key in keys.Where(k => k.EndsWith("/" + HlsPackage.RenditionManifest, StringComparison.Ordinal)))
        {
            if (await ReadJsonAsync<RenditionOutput>(bucket, key, ct) is { } output)
            {
                renditions.Add(Of(output));
            }
        }

        return new PipelineOutput(renditions.OrderByDescending(r => r.Height).ToList(), null);
    }

    private static Rendition Of(RenditionOutput output) =>
        new(output.Name, output.Width, output.Height, output.PeakBandwidth, output.AverageBandwidth, output.Codecs);

    private async Task<T?> ReadJsonAsync<T>(string bucket, string key, CancellationToken ct)
    {
        using var response = await s3.GetObjectAsync(bucket, key, ct);
        return await JsonSerializer.DeserializeAsync<T>(response.ResponseStream, cancellationToken: ct);
    }
}
