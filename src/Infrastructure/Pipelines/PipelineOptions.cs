using Microsoft.Extensions.Options;
using StreamEngine.Transcoder;

namespace StreamEngine.Infrastructure.Pipelines;

public enum PipelineProvider
{
    /// <summary>Jobs in the database, transcoded by a worker in this process.</summary>
    Local,

    /// <summary>The Step Functions state machine of <c>StreamEngine:StepFunctions</c> (needs S3 storage).</summary>
    Aws,

    /// <summary>Cloudinary (<c>StreamEngine:Cloudinary</c>): the source is sent to Cloudinary, which makes the HLS
    /// ladder and serves it (needs local storage).</summary>
    Cloudinary,
}

/// <summary>The <c>StreamEngine:Pipeline</c> section.</summary>
public sealed class PipelineOptions
{
    public const string Section = "StreamEngine:Pipeline";

    public PipelineProvider Provider { get; set; } = PipelineProvider.Local;

    /// <summary>Transcodes running at once in this process.</summary>
    public int Concurrency { get; set; } = 1;

    /// <summary>How long a worker holds a job without renewing; a crashed worker's job is taken over after
    /// this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    public int MaxAttempts { get; set; } = 3;

    /// <summary>First retry delay after a transient failure; doubles each time.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts at starting a video's pipeline (a refused or failed StartExecution, say) before the video is
    /// FAILED; they are spaced from <see cref="StartRetryDelay"/>, doubling, at most 5 minutes apart.</summary>
    public int MaxStartAttempts { get; set; } = 8;

    public TimeSpan StartRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A remote pipeline's video PROCESSING with no news for this long is looked up at the pipeline (a status
    /// message lost, an execution ended without telling us) and finished, failed or restarted from what it
    /// says.</summary>
    public TimeSpan ReconcileAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Cloudinary: a video whose eager transformation has not appeared this long after its upload is FAILED
    /// (no notification and nothing derived: it would otherwise wait for ever).</summary>
    public TimeSpan MaxRemoteProcessingTime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often the reconciler looks for such videos.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often an idle worker looks for due jobs (it is also woken when one is queued here).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Shared secret of the signed status callback (<c>POST /pipeline/status</c>); empty turns it
    /// off.</summary>
    public string? CallbackSecret { get; set; }

    public string FfmpegPath { get; set; } = "ffmpeg";

    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>x264 preset of the ladder.</summary>
    public string Preset { get; set; } = "veryfast";

    /// <summary>An encode whose output time stops advancing for this long is stopped and the video fails.</summary>
    public TimeSpan EncodeStallTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How HLS segments are packaged: <c>Fmp4</c> (CMAF, the default; needed for AV1) or
    /// <c>Ts</c>.</summary>
    public SegmentFormat SegmentFormat { get; set; } = SegmentFormat.Fmp4;

    /// <summary>Local pipeline: a video plays while it encodes, from the moment the first segments of every rendition
    /// exist (its playlists grow as EVENT playlists until READY).</summary>
    public bool PlayableWhileEncoding { get; set; } = true;

    /// <summary>Local pipeline: a source longer than <see cref="ChunkThreshold"/> has its video encoded in chunks of
    /// this many seconds (a multiple of 4), joined without a re-encode; 0 (the default for now) encodes in one
    /// go.</summary>
    public int ChunkSeconds { get; set; }

    public TimeSpan ChunkThreshold { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>SVT-AV1 preset of the AV1 renditions (rungs with an <c>Av1Kbps</c>).</summary>
    public int Av1Preset { get; set; } = 10;

    /// <summary>The ladder; a source gets every rung not above its own short side. A rung with <c>Av1Kbps</c> also
    /// gets an AV1 rendition.</summary>
    public IList<LadderRung> Ladder { get; } = [];

    public FfmpegOptions ToFfmpegOptions() =>
        new()
        {
            FfmpegPath = FfmpegPath,
            FfprobePath = FfprobePath,
            Preset = Preset,
            Av1Preset = Av1Preset,
            SegmentFormat = SegmentFormat,
            EncodeStallTimeout = EncodeStallTimeout,
            ChunkSeconds = ChunkSeconds,
            ChunkThreshold = ChunkThreshold,
        };

    public IReadOnlyList<LadderRung> EffectiveLadder => Ladder.Count > 0 ? [.. Ladder] : RenditionLadder.Default;
}

internal sealed class PipelineOptionsValidator : IValidateOptions<PipelineOptions>
{
    public ValidateOptionsResult Validate(string? name, PipelineOptions options)
    {
        var failures = new List<string>();
        if (options.Concurrency is < 1 or > 64)
        {
            failures.Add($"{PipelineOptions.Section}:Concurrency must be between 1 and 64.");
        }

        if (options.ChunkSeconds < 0 || options.ChunkSeconds % 4 != 0 || options.ChunkThreshold < TimeSpan.Zero)
        {
            failures.Add(
                $"{PipelineOptions.Section}:ChunkSeconds must be 0 (off) or a positive multiple of 4 (the segment "
                    + "length), and ChunkThreshold not negative."
            );
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(5))
        {
            failures.Add($"{PipelineOptions.Section}:LeaseDuration must be at least 5 seconds.");
        }

        if (options.MaxStartAttempts < 1 || options.StartRetryDelay < TimeSpan.Zero)
        {
            failures.Add(
                $"{PipelineOptions.Section}:MaxStartAttempts must be at least 1 and StartRetryDelay not negative."
            );
        }

        if (options.ReconcileAfter < TimeSpan.FromSeconds(1) || options.ReconcileInterval < TimeSpan.FromSeconds(0.1))
        {
            failures.Add(
                $"{PipelineOptions.Section}:ReconcileAfter must be at least 1 second and ReconcileInterval 100 ms."
            );
        }

        if (options.MaxAttempts < 1)
        {
            failures.Add($"{PipelineOptions.Section}:MaxAttempts must be at least 1.");
        }

        if (options.Ladder.Any(r => r.ShortSide < 2 || r.VideoKbps < 50 || string.IsNullOrWhiteSpace(r.Name)))
        {
            failures.Add(
                $"{PipelineOptions.Section}:Ladder rungs need a Name, a ShortSide of at least 2 and VideoKbps of "
                    + "at least 50."
            );
        }

        if (options.Ladder.Any(r => r.Av1Kbps is < 0 or (> 0 and < 50)))
        {
            failures.Add($"{PipelineOptions.Section}:Ladder Av1Kbps must be 0 (no AV1) or at least 50.");
        }

        if (options.Ladder.Any(r => r.Av1Kbps > 0) && options.SegmentFormat != SegmentFormat.Fmp4)
        {
            failures.Add(
                $"{PipelineOptions.Section}:SegmentFormat must be Fmp4 for AV1 renditions (HLS carries AV1 "
                    + "only in fMP4)."
            );
        }

        if (options.Av1Preset is < 0 or > 13)
        {
            failures.Add($"{PipelineOptions.Section}:Av1Preset must be between 0 and 13.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
