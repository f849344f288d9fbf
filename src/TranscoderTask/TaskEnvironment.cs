namespace StreamEngine.TranscoderTask;

public enum TaskMode
{
    /// <summary>Encode some renditions of the ladder and upload them.</summary>
    Renditions,

    /// <summary>Write the master playlist and poster from the uploaded renditions.</summary>
    Master,

    /// <summary>Probe the source and write probe.json and chunks.json (the chunks to encode apart, none for a source
    /// encoded whole): the state machine's first step, failing early on a bad file.</summary>
    Probe,

    /// <summary>Encode one chunk of every video rendition (the state machine's Map runs one task per chunk).</summary>
    Chunk,
}

/// <summary>What one ECS task is asked to do, read from its environment (the task definition sets the buckets; the
/// state machine's container overrides set the video, the mode and the renditions).</summary>
public sealed record TaskSpec(
    TaskMode Mode,
    string VideoId,
    string RawBucket,
    string RawKey,
    string ProductionBucket,
    string ProductionPrefix,
    IReadOnlyList<string> Renditions,
    string Region,
    Uri? S3ServiceUrl,
    Uri? StatusQueueUrl,
    Uri? SqsServiceUrl = null
)
{
    /// <summary>Seconds per chunk for sources longer than <see cref="ChunkThresholdSeconds"/>; 0 encodes every source
    /// whole.</summary>
    public int ChunkSeconds { get; init; }

    public int ChunkThresholdSeconds { get; init; } = 120;

    /// <summary>The chunk a <see cref="TaskMode.Chunk"/> task encodes (0-based).</summary>
    public int ChunkIndex { get; init; }
}

/// <summary>The environment variables the transcoder task reads. The CloudFormation template and the state machine
/// are checked against this list by tests.</summary>
public static class TaskEnvironment
{
    public const string Mode = "STREAMENGINE_TASK_MODE";
    public const string VideoId = "STREAMENGINE_VIDEO_ID";
    public const string RawBucket = "STREAMENGINE_RAW_BUCKET";
    public const string RawKey = "STREAMENGINE_RAW_KEY";
    public const string ProductionBucket = "STREAMENGINE_PRODUCTION_BUCKET";
    public const string ProductionPrefix = "STREAMENGINE_PRODUCTION_PREFIX";
    public const string Renditions = "STREAMENGINE_RENDITIONS";
    public const string Region = "AWS_REGION";
    public const string S3ServiceUrl = "STREAMENGINE_S3_SERVICE_URL";
    public const string StatusQueueUrl = "STREAMENGINE_STATUS_QUEUE_URL";
    public const string SqsServiceUrl = "STREAMENGINE_SQS_SERVICE_URL";
    public const string ChunkSeconds = "STREAMENGINE_CHUNK_SECONDS";
    public const string ChunkThresholdSeconds = "STREAMENGINE_CHUNK_THRESHOLD_SECONDS";
    public const string ChunkIndex = "STREAMENGINE_CHUNK_INDEX";

    public static readonly IReadOnlyList<string> Required =
    [
        Mode,
        VideoId,
        RawBucket,
        RawKey,
        ProductionBucket,
        ProductionPrefix,
        Region,
    ];

    public static readonly IReadOnlyList<string> All =
    [
        .. Required,
        Renditions,
        S3ServiceUrl,
        StatusQueueUrl,
        SqsServiceUrl,
        ChunkSeconds,
        ChunkThresholdSeconds,
        ChunkIndex,
    ];

    /// <summary>The task's spec, or the list of what is missing or wrong.</summary>
    public static (TaskSpec? Spec, IReadOnlyList<string> Problems) Read(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var problems = Required
            .Where(name => string.IsNullOrWhiteSpace(variable(name)))
            .Select(name => $"{name} is required")
            .ToList();
        var mode = TaskMode.Renditions;
        if (variable(Mode) is { Length: > 0 } modeText && !Enum.TryParse(modeText, ignoreCase: true, out mode))
        {
            problems.Add($"{Mode} must be probe, renditions, chunk or master, not '{modeText}'");
        }

        int ParseInt(string name, int fallback, Func<int, bool> valid, string rule)
        {
            var text = variable(name);
            if (string.IsNullOrWhiteSpace(text))
            {
                return fallback;
            }

            if (int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && valid(value))
            {
                return value;
            }

            problems.Add($"{name} must be {rule}, not '{text}'");
            return fallback;
        }

        var chunkSeconds = ParseInt(ChunkSeconds, 0, v => v >= 0 && v % 4 == 0, "0 or a positive multiple of 4");
        var threshold = ParseInt(ChunkThresholdSeconds, 120, v => v >= 0, "a number of seconds");
        var chunkIndex = ParseInt(ChunkIndex, -1, v => v >= 0, "a chunk number from 0");
        if (mode == TaskMode.Chunk && (chunkIndex < 0 || chunkSeconds == 0))
        {
            problems.Add($"A chunk task needs {ChunkIndex} and {ChunkSeconds}");
        }

        Uri? ParseUri(string name)
        {
            var text = variable(name);
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (Uri.TryCreate(text, UriKind.Absolute, out var uri))
            {
                return uri;
            }

            problems.Add($"{name} must be an absolute URL");
            return null;
        }

        var s3 = ParseUri(S3ServiceUrl);
        var queue = ParseUri(StatusQueueUrl);
        var sqs = ParseUri(SqsServiceUrl);
        var renditions = (variable(Renditions) ?? string.Empty).Split(
            ',',
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
        );
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        return (
            new TaskSpec(
                mode,
                variable(VideoId)!,
                variable(RawBucket)!,
                variable(RawKey)!,
                variable(ProductionBucket)!,
                variable(ProductionPrefix)!.TrimEnd('/') + "/",
                renditions,
                variable(Region)!,
                s3,
                queue,
                sqs
            )
            {
                ChunkSeconds = chunkSeconds,
                ChunkThresholdSeconds = threshold,
                ChunkIndex = Math.Max(chunkIndex, 0),
            },
            problems
        );
    }
}
