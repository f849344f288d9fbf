using System.Globalization;
using System.Text.Json;
using Amazon.S3.Model;
using StreamEngine.Transcoder;

namespace StreamEngine.TranscoderTask;

/// <summary>A long source on AWS: the probe task lists its chunks in <c>chunks.json</c>, which the state machine reads
/// into a Map state; one task per chunk encodes it into <c>chunks/NNN/</c> under the video's prefix (retried alone
/// when it fails); the master task fetches the chunks, joins them with the code the local pipeline uses, uploads the
/// joined renditions and removes the chunks.</summary>
public sealed partial class S3TaskRunner
{
    public const string ChunkList = "chunks.json";

    /// <summary>The chunks of this source, by the task's settings; none when it is encoded whole.</summary>
    private IReadOnlyList<ChunkPlan> ChunksOf(ProbeResult probe) =>
        ChunkedLadder.Applies(ffmpeg, probe, RenditionLadder.Plan(probe))
            ? ChunkPlan.Split(probe.DurationSeconds, ffmpeg.ChunkSeconds)
            : [];

    /// <summary>What the state machine's Map iterates over: one item per chunk, an empty list for a whole encode.
    /// </summary>
    private async Task WriteChunkListAsync(IReadOnlyList<ChunkPlan> chunks, string output, CancellationToken ct)
    {
        await File.WriteAllTextAsync(
            Path.Combine(output, ChunkList),
            JsonSerializer.Serialize(
                new
                {
                    chunks = chunks.Select(c => new
                    {
                        index = c.Index,
                        start = c.Start,
                        length = c.Length,
                    }),
                }
            ),
            ct
        );
        await log.WriteLineAsync($"Video {spec.VideoId}: {chunks.Count} chunk(s)");
    }

    private async Task EncodeChunkAsync(
        string source,
        ProbeResult probe,
        IReadOnlyList<ChunkPlan> chunks,
        string output,
        CancellationToken ct
    )
    {
        if (spec.ChunkIndex >= chunks.Count)
        {
            throw new TranscodeFailedException(
                $"Chunk {spec.ChunkIndex} does not exist: the source has {chunks.Count} chunk(s).",
                transient: false
            );
        }

        var chunk = chunks[spec.ChunkIndex];
        await ChunkedLadder.EncodeChunkAsync(ffmpeg, source, probe, RenditionLadder.Plan(probe), chunk, output, ct);
        await log.WriteLineAsync(
            string.Create(
                CultureInfo.InvariantCulture,
                $"Video {spec.VideoId}: chunk {chunk.Index} ({chunk.Start:0.#} s, {chunk.Length:0.#} s) encoded"
            )
        );
    }

    /// <summary>Fetches every chunk into the output folder, joins them, and measures the joined renditions.</summary>
    private async Task<List<RenditionOutput>> JoinChunksAsync(
        ProbeResult probe,
        IReadOnlyList<ChunkPlan> chunks,
        string output,
        CancellationToken ct
    )
    {
        var keys = await ListChunkKeysAsync(ct);
        await Parallel.ForEachAsync(
            keys,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (key, token) =>
            {
                var path = Path.GetFullPath(Path.Combine(output, key[spec.ProductionPrefix.Length..]));
                if (!path.StartsWith(Path.GetFullPath(output) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new TranscodeFailedException($"A chunk key leaves the output folder: {key}", false);
                }

                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using var response = await s3.GetObjectAsync(spec.ProductionBucket, key, token);
                await response.WriteResponseStreamToFileAsync(path, append: false, token);
            }
        );

        var ladder = RenditionLadder.Plan(probe);
        await ChunkedLadder.JoinAsync(output, ladder, chunks, ct);
        var package = new HlsPackage(ffmpeg);
        var outputs = new List<RenditionOutput>();
        foreach (var rendition in ladder)
        {
            outputs.Add(await package.MeasureAsync(output, rendition, probe.TargetFrameRate.Value, ct));
        }

        await log.WriteLineAsync($"Video {spec.VideoId}: {chunks.Count} chunks joined from {keys.Count} files");
        return outputs;
    }

    /// <summary>Removes the chunks once the joined renditions are uploaded.</summary>
    private async Task DeleteChunksAsync(CancellationToken ct)
    {
        foreach (var batch in (await ListChunkKeysAsync(ct)).Chunk(1000))
        {
            await s3.DeleteObjectsAsync(
                new DeleteObjectsRequest
                {
                    BucketName = spec.ProductionBucket,
                    Objects = [.. batch.Select(k => new KeyVersion { Key = k })],
                },
                ct
            );
        }
    }

    private async Task<List<string>> ListChunkKeysAsync(CancellationToken ct)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request
        {
            BucketName = spec.ProductionBucket,
            Prefix = spec.ProductionPrefix + ChunkedLadder.ChunksFolder + "/",
        };
        while (true)
        {
            var page = await s3.ListObjectsV2Async(request, ct);
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            if (page.IsTruncated != true)
            {
                return keys;
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
    }
}
