using System.Text.Json;
using System.Threading.Channels;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using StreamEngine.Transcoder;

namespace StreamEngine.TranscoderTask;

/// <summary>The ECS task: streams the raw upload from S3 to temporary disk, runs the same ladder code as the local
/// pipeline for its renditions (or writes the master playlist and poster), and uploads the output concurrently with the
/// right Content-Type and Cache-Control. Any failure surfaces as an exception, so the process exits non-zero.</summary>
public sealed partial class S3TaskRunner(
    TaskSpec spec,
    FfmpegOptions ffmpeg,
    IAmazonS3 s3,
    TextWriter log,
    IAmazonSQS? status = null
)
{
    public const string RenditionManifest = HlsPackage.RenditionManifest;

    public async Task RunAsync(CancellationToken ct)
    {
        var work = Directory.CreateTempSubdirectory("streamengine-task-").FullName;
        try
        {
            var source = Path.Combine(work, "source");
            await DownloadAsync(source, ct);
            var probe = await new MediaProbe(ffmpeg).ProbeAsync(source, ct);
            var output = Path.Combine(work, "out");
            Directory.CreateDirectory(output);
            var chunks = ChunksOf(probe);
            if (spec.Mode == TaskMode.Probe)
            {
                await File.WriteAllTextAsync(Path.Combine(output, "probe.json"), JsonSerializer.Serialize(probe), ct);
                await WriteChunkListAsync(chunks, output, ct);
                await log.WriteLineAsync(
                    $"Video {spec.VideoId}: {probe.Width}x{probe.Height}, {probe.DurationSeconds:0.0} s, audio: "
                        + $"{probe.HasAudio}"
                );
            }
            else if (spec.Mode == TaskMode.Master)
            {
                await WriteMasterAsync(source, probe, chunks, output, ct);
            }
            else if (spec.Mode == TaskMode.Chunk)
            {
                await EncodeChunkAsync(source, probe, chunks, output, ct);
            }
            else if (chunks.Count > 0)
            {
                await log.WriteLineAsync($"Video {spec.VideoId} is encoded in {chunks.Count} chunks, not whole.");
            }
            else
            {
                await EncodeRenditionsAsync(source, probe, output, ct);
            }

            await UploadAsync(output, ct);
            if (spec.Mode == TaskMode.Master && chunks.Count > 0)
            {
                await DeleteChunksAsync(ct);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private async Task EncodeRenditionsAsync(string source, ProbeResult probe, string output, CancellationToken ct)
    {
        var plan = RenditionLadder
            .Plan(probe)
            .Where(r =>
                spec.Renditions.Count == 0 || spec.Renditions.Contains(r.Name, StringComparer.OrdinalIgnoreCase)
            )
            .ToList();
        if (plan.Count == 0)
        {
            // Every rendition asked of this task is above the source: nothing to do (no upscaling).
            await log.WriteLineAsync(
                $"No rendition of [{string.Join(',', spec.Renditions)}] fits a {probe.Width}x{probe.Height} source."
            );
            return;
        }

        await log.WriteLineAsync($"Encoding {string.Join(',', plan.Select(p => p.Name))} of video {spec.VideoId}");
        var names = string.Join(',', plan.Select(p => p.Name));
        var reports = Channel.CreateUnbounded<TranscodeProgress>(new UnboundedChannelOptions { SingleReader = true });
        var publishing = PublishProgressAsync(reports.Reader, names);
        try
        {
            await new HlsLadderEncoder(ffmpeg).EncodeAsync(
                source,
                probe,
                new EncodeJob(plan, Audio: false, Storyboard: null),
                output,
                new ChannelProgress(reports.Writer),
                ct
            );
        }
        finally
        {
            reports.Writer.TryComplete();
            await publishing;
        }

        var package = new HlsPackage(ffmpeg);
        var fps = probe.TargetFrameRate.Value;
        foreach (var rendition in plan)
        {
            var measured = await package.MeasureAsync(output, rendition, fps, ct);
            await File.WriteAllTextAsync(
                Path.Combine(output, rendition.Name, RenditionManifest),
                JsonSerializer.Serialize(measured),
                ct
            );
        }
    }

    private async Task WriteMasterAsync(
        string source,
        ProbeResult probe,
        IReadOnlyList<ChunkPlan> chunks,
        string output,
        CancellationToken ct
    )
    {
        var outputs =
            chunks.Count > 0 ? await JoinChunksAsync(probe, chunks, output, ct) : await ReadRenditionManifestsAsync(ct);
        if (outputs.Count == 0 && probe.HasVideo)
        {
            throw new TranscodeFailedException(
                "No rendition was produced; the master playlist cannot be written.",
                transient: false
            );
        }

        // The parts no rendition task makes: the shared audio rendition and the storyboard, in one decode.
        var extras = EncodeJob.Everything(probe, []);
        if (extras.Audio || extras.Storyboard is not null)
        {
            await new HlsLadderEncoder(ffmpeg).EncodeAsync(source, probe, extras, output, null, ct);
        }

        if (extras.Storyboard is { } storyboard)
        {
            await VideoTranscoder.WriteStoryboardVttAsync(output, storyboard, probe.DurationSeconds, ct);
        }

        var audio = await new HlsPackage(ffmpeg).MeasureAudioAsync(output, ct);
        var variants = await HlsPackage.WriteMasterAsync(output, outputs, audio, ct);
        await File.WriteAllTextAsync(
            Path.Combine(output, HlsPackage.OutputsManifest),
            JsonSerializer.Serialize(new LadderOutputs(variants, extras.Storyboard)),
            ct
        );
        await new VideoTranscoder(ffmpeg).WritePosterAsync(
            source,
            probe,
            Path.Combine(output, VideoTranscoder.PosterFile),
            ct
        );
        await log.WriteLineAsync(
            $"Master playlist of video {spec.VideoId} lists {string.Join(',', outputs.Select(o => o.Name))}"
        );
    }

    /// <summary>The manifests the rendition tasks uploaded beside their playlists.</summary>
    private async Task<List<RenditionOutput>> ReadRenditionManifestsAsync(CancellationToken ct)
    {
        var outputs = new List<RenditionOutput>();
        string? token = null;
        while (true)
        {
            var page = await s3.ListObjectsV2Async(
                new ListObjectsV2Request
                {
                    BucketName = spec.ProductionBucket,
                    Prefix = spec.ProductionPrefix,
                    ContinuationToken = token,
                },
                ct
            );
            foreach (
                var manifest in (page.S3Objects ?? []).Where(o =>
                    o.Key.EndsWith("/" + RenditionManifest, StringComparison.Ordinal)
                )
            )
            {
                using var response = await s3.GetObjectAsync(spec.ProductionBucket, manifest.Key, ct);
                outputs.Add(
                    await JsonSerializer.DeserializeAsync<RenditionOutput>(
                        response.ResponseStream,
                        cancellationToken: ct
                    ) ?? throw new TranscodeFailedException("A rendition manifest is empty.", transient: false)
                );
            }

            token = page.IsTruncated == true ? page.NextContinuationToken : null;
            if (token is null)
            {
                return outputs;
            }
        }
    }

    private async Task DownloadAsync(string path, CancellationToken ct)
    {
        using var response = await s3.GetObjectAsync(spec.RawBucket, spec.RawKey, ct);
        await using var file = new FileStream(
            path,
            FileMode.CreateNew,
            FileAccess.Write,
            FileShare.None,
            1 << 16,
            FileOptions.Asynchronous
        );
        await response.ResponseStream.CopyToAsync(file, 1 << 16, ct);
    }

    private async Task UploadAsync(string output, CancellationToken ct)
    {
        var files = Directory.GetFiles(output, "*", SearchOption.AllDirectories);
        await Parallel.ForEachAsync(
            files,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (file, token) =>
            {
                var relative = Path.GetRelativePath(output, file).Replace(Path.DirectorySeparatorChar, '/');
                var request = new PutObjectRequest
                {
                    BucketName = spec.ProductionBucket,
                    Key = spec.ProductionPrefix + relative,
                    FilePath = file,
                    ContentType = S3TaskFiles.ContentTypeOf(relative),

                    // Signed whole rather than in aws-chunked frames, which some S3-compatible stores mishandle.
                    UseChunkEncoding = false,
                };
                request.Headers.CacheControl = S3TaskFiles.CacheControlOf(relative);
                await s3.PutObjectAsync(request, token);
            }
        );
        await log.WriteLineAsync(
            $"Uploaded {files.Length} file(s) to s3://{spec.ProductionBucket}/{spec.ProductionPrefix}"
        );
    }

    /// <summary>Progress goes to the status queue at most every 10 percent. It is best effort: the state machine's
    /// own messages decide the outcome, so a lost progress message is logged, not fatal.</summary>
    private async Task PublishProgressAsync(ChannelReader<TranscodeProgress> reports, string renditions)
    {
        var last = -100.0;
        await foreach (var report in reports.ReadAllAsync())
        {
            await log.WriteLineAsync($"{report.Stage} {report.Percent:0.0}%");
            if (status is null || spec.StatusQueueUrl is null || report.Percent - last < 10)
            {
                continue;
            }

            last = report.Percent;
            try
            {
                var body = JsonSerializer.Serialize(
                    new
                    {
                        videoId = spec.VideoId,
                        status = "PROCESSING",
                        stage = report.Stage,
                        percent = report.Percent,
                        rendition = renditions,
                    }
                );
                await status.SendMessageAsync(spec.StatusQueueUrl.ToString(), body);
            }
            catch (Exception ex)
                when (ex is AmazonSQSException or HttpRequestException or Amazon.Runtime.AmazonClientException)
            {
                await log.WriteLineAsync($"Progress not reported: {ex.Message}");
            }
        }
    }

    private sealed class ChannelProgress(ChannelWriter<TranscodeProgress> writer) : IProgress<TranscodeProgress>
    {
        public void Report(TranscodeProgress value) => writer.TryWrite(value);
    }
}
