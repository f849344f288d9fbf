using System.Text.Json;

namespace StreamEngine.Transcoder;

/// <summary>What a chunked transcode will do: the probed source, its ladder, and its parts (every chunk of the video
/// renditions, then the audio with the storyboard).</summary>
public sealed record ChunkedPlan(
    ProbeResult Probe,
    IReadOnlyList<PlannedRendition> Ladder,
    IReadOnlyList<ChunkPlan> Chunks
)
{
    /// <summary>The chunks, then one part for the audio and storyboard.</summary>
    public int PartCount => Chunks.Count + 1;

    internal EncodeJob Whole => EncodeJob.Everything(Probe, Ladder);
}

/// <summary>A long source's transcode as steps that separate processes may take, in any order and again after a
/// failure: <see cref="PlanAsync"/> once, <see cref="EncodePartAsync"/> for each part, <see cref="FinishAsync"/>
/// when every part is done. The parts write into a work folder beside the output folder (shared storage for workers
/// on other machines), which becomes the output folder only when the join succeeded.</summary>
public sealed class ChunkedTranscode(FfmpegOptions options)
{
    /// <summary>The work folder's suffix: a <c>.partial-</c> name, which the sweeps of unfinished work know.</summary>
    public const string WorkSuffix = ".partial-chunked";

    private const string PlanFile = "plan.json";

    public static string WorkOf(string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(outputDirectory);
        return outputDirectory.TrimEnd(Path.DirectorySeparatorChar) + WorkSuffix;
    }

    /// <summary>The plan of a source that is to be chunked; null when it is not (too short, or chunking off).</summary>
    public async Task<ChunkedPlan?> PlanAsync(string sourcePath, IReadOnlyList<LadderRung>? rungs, CancellationToken ct)
    {
        var probe = await new MediaProbe(options).ProbeAsync(sourcePath, ct);
        var ladder = RenditionLadder.Plan(probe, rungs);
        return ChunkedLadder.Applies(options, probe, ladder)
            ? new ChunkedPlan(probe, ladder, ChunkPlan.Split(probe.DurationSeconds, options.ChunkSeconds))
            : null;
    }

    /// <summary>Keeps the plan in the work folder, where every worker reads the same one (however it is configured).
    /// </summary>
    public static async Task SavePlanAsync(string work, ChunkedPlan plan, CancellationToken ct)
    {
        Directory.CreateDirectory(work);
        await HlsPackage.ReplaceAsync(Path.Combine(work, PlanFile), JsonSerializer.Serialize(plan), ct);
    }

    /// <summary>The plan kept in the work folder; null when there is none (not prepared, or already published).
    /// </summary>
    public static async Task<ChunkedPlan?> LoadPlanAsync(string work, CancellationToken ct)
    {
        var path = Path.Combine(work, PlanFile);
        return File.Exists(path)
            ? JsonSerializer.Deserialize<ChunkedPlan>(await File.ReadAllTextAsync(path, ct))
            : null;
    }

    /// <summary>Encodes part <paramref name="part"/> (0-based: the chunks in order, then the audio and storyboard);
    /// a part encoded again replaces what an earlier attempt left.</summary>
    public async Task EncodePartAsync(string sourcePath, ChunkedPlan plan, int part, string work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfNegative(part);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(part, plan.PartCount);
        Directory.CreateDirectory(work);
        if (part < plan.Chunks.Count)
        {
            await ChunkedLadder.EncodeChunkAsync(
                options,
                sourcePath,
                plan.Probe,
                plan.Ladder,
                plan.Chunks[part],
                work,
                ct
            );
            return;
        }

        var rest = plan.Whole with { Video = [] };
        foreach (var folder in rest.Folders.Select(f => Path.Combine(work, f)).Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }

        await new HlsLadderEncoder(options).EncodeAsync(sourcePath, plan.Probe, rest, work, null, ct);
    }

    /// <summary>Joins the chunks, writes the master playlist, storyboard and poster, and makes the work folder the
    /// output folder.</summary>
    public async Task<TranscodeResult> FinishAsync(
        string sourcePath,
        ChunkedPlan plan,
        string outputDirectory,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(plan);
        var work = WorkOf(outputDirectory);
        var transcoder = new VideoTranscoder(options);
        if (!Directory.Exists(work) && File.Exists(Path.Combine(outputDirectory, HlsPackage.MasterPlaylist)))
        {
            // Published by a run that stopped before it could say so: measure what it published.
            return await transcoder.PackageAsync(
                sourcePath,
                plan.Probe,
                plan.Ladder,
                plan.Whole,
                outputDirectory,
                null,
                ct
            );
        }

        await ChunkedLadder.JoinAsync(work, plan.Ladder, plan.Chunks, ct);
        File.Delete(Path.Combine(work, PlanFile));
        var result = await transcoder.PackageAsync(sourcePath, plan.Probe, plan.Ladder, plan.Whole, work, null, ct);
        VideoTranscoder.Publish(work, outputDirectory);
        return result;
    }
}
