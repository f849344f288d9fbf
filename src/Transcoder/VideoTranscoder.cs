using System.Globalization;

namespace StreamEngine.Transcoder;

/// <summary>Everything a transcode produced, relative to its output folder.</summary>
public sealed record TranscodeResult(
    ProbeResult Source,
    IReadOnlyList<RenditionOutput> Renditions,
    string MasterPlaylist,
    string Poster,
    StoryboardLayout? Storyboard = null
);

/// <summary>probe -> plan the ladder -> encode once into every rendition -> measure and write the master playlist ->
/// poster. Work happens in a scratch folder that becomes the output folder only when everything succeeded, or, for a
/// video watched while it encodes, in the output folder itself; either way a failure leaves nothing behind.</summary>
public sealed class VideoTranscoder(FfmpegOptions options)
{
    public const string PosterFile = "poster.jpg";

    public Task<TranscodeResult> TranscodeAsync(
        string sourcePath,
        string outputDirectory,
        IReadOnlyList<LadderRung>? rungs,
        IProgress<TranscodeProgress>? progress,
        CancellationToken ct
    ) => RunAsync(sourcePath, outputDirectory, rungs, progress, null, ct);

    /// <summary>A transcode watched while it runs: the output folder fills in place (see <see cref="GrowingLadder"/>)
    /// and <paramref name="whenPlayable"/> is called once the first segments of every rendition and a master playlist
    /// are out.</summary>
    public Task<TranscodeResult> TranscodeGrowingAsync(
        string sourcePath,
        string outputDirectory,
        IReadOnlyList<LadderRung>? rungs,
        IProgress<TranscodeProgress>? progress,
        Func<CancellationToken, Task> whenPlayable,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(whenPlayable);
        return RunAsync(sourcePath, outputDirectory, rungs, progress, whenPlayable, ct);
    }

    private async Task<TranscodeResult> RunAsync(
        string sourcePath,
        string outputDirectory,
        IReadOnlyList<LadderRung>? rungs,
        IProgress<TranscodeProgress>? progress,
        Func<CancellationToken, Task>? whenPlayable,
        CancellationToken ct
    )
    {
        progress?.Report(new TranscodeProgress("PROBING", 0));
        var probe = await new MediaProbe(options).ProbeAsync(sourcePath, ct);
        var plan = RenditionLadder.Plan(probe, rungs);
        var growing = whenPlayable is not null;
        var work = growing
            ? outputDirectory
            : outputDirectory.TrimEnd(Path.DirectorySeparatorChar) + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        if (growing && Directory.Exists(work))
        {
            // What an earlier, interrupted attempt wrote.
            Directory.Delete(work, recursive: true);
        }

        Directory.CreateDirectory(work);
        var finished = false;
        try
        {
            progress?.Report(new TranscodeProgress("ENCODING", 0));
            var job = EncodeJob.Everything(probe, plan) with { Growing = growing };
            if (ChunkedLadder.Applies(options, probe, plan))
            {
                // A chunked video becomes playable when it is READY.
                await ChunkedLadder.EncodeAllAsync(
                    options,
                    sourcePath,
                    probe,
                    job with
                    {
                        Growing = false,
                    },
                    work,
                    progress,
                    ct
                );
            }
            else if (whenPlayable is not null)
            {
                await GrowingLadder.EncodeAsync(options, sourcePath, probe, job, work, progress, whenPlayable, ct);
                await GrowingLadder.FinishAsync(work, job, ct);
            }
            else
            {
                await new HlsLadderEncoder(options).EncodeAsync(sourcePath, probe, job, work, progress, ct);
            }

            var result = await PackageAsync(sourcePath, probe, plan, job, work, progress, ct);
            if (!growing)
            {
                Publish(work, outputDirectory);
            }

            finished = true;
            progress?.Report(new TranscodeProgress("DONE", 100));
            return result;
        }
        finally
        {
            if (!finished && Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>What follows the encode: the master playlist, the storyboard's WebVTT and the poster.</summary>
    internal async Task<TranscodeResult> PackageAsync(
        string sourcePath,
        ProbeResult probe,
        IReadOnlyList<PlannedRendition> plan,
        EncodeJob job,
        string work,
        IProgress<TranscodeProgress>? progress,
        CancellationToken ct
    )
    {
        progress?.Report(new TranscodeProgress("PACKAGING", 0));
        var outputs = await new HlsPackage(options).WriteMasterAsync(work, plan, probe.TargetFrameRate.Value, ct);
        if (job.Storyboard is { } storyboard)
        {
            await WriteStoryboardVttAsync(work, storyboard, probe.DurationSeconds, ct);
        }

        progress?.Report(new TranscodeProgress("THUMBNAIL", 0));
        await WritePosterAsync(sourcePath, probe, Path.Combine(work, PosterFile), ct);
        return new TranscodeResult(probe, outputs, HlsPackage.MasterPlaylist, PosterFile, job.Storyboard);
    }

    /// <summary>The finished work folder becomes the output folder, replacing an older one.</summary>
    internal static void Publish(string work, string outputDirectory)
    {
        if (Directory.Exists(outputDirectory))
        {
            Directory.Delete(outputDirectory, recursive: true);
        }

        Directory.Move(work, outputDirectory);
    }

    /// <summary>Writes the storyboard's WebVTT beside its sprite, once the sprite exists.</summary>
    public static async Task WriteStoryboardVttAsync(
        string outputDirectory,
        StoryboardLayout storyboard,
        double durationSeconds,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(storyboard);
        var folder = Path.Combine(outputDirectory, StoryboardLayout.Folder);
        if (!File.Exists(Path.Combine(folder, StoryboardLayout.SpriteFile)))
        {
            throw new TranscodeFailedException("The storyboard sprite was not made.", transient: false);
        }

        await File.WriteAllTextAsync(
            Path.Combine(folder, StoryboardLayout.VttFile),
            storyboard.Vtt(durationSeconds),
            ct
        );
    }

    /// <summary>The poster: a frame near the start, or for an audio-only source a picture of its waveform.</summary>
    public async Task WritePosterAsync(string sourcePath, ProbeResult probe, string posterPath, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var at = Math.Min(1.0, probe.DurationSeconds / 2).ToString("0.###", CultureInfo.InvariantCulture);
        var height = Math.Min(720, probe.Height - (probe.Height % 2));
        string[] picture = probe.HasVideo
            ? ["-ss", at, "-i", InputGuards.FileUrl(sourcePath), "-frames:v", "1", "-vf", $"scale=-2:{height}"]
            :
            [
                "-i",
                InputGuards.FileUrl(sourcePath),
                "-filter_complex",
                "[0:a:0]showwavespic=s=1280x720:colors=0x3ea6ff,format=yuv420p",
                "-frames:v",
                "1",
            ];
        var result = await ProcessRunner.RunAsync(
            options.FfmpegPath,
            [
                "-hide_banner",
                "-nostdin",
                "-y",
                "-loglevel",
                "error",
                .. InputGuards.Arguments(options),
                .. picture,
                "-q:v",
                "3",
                "-f",
                "image2",
                "-update",
                "1",
                posterPath,
            ],
            options.ProbeTimeout,
            null,
            ct
        );
        if (result.ExitCode != 0 || !File.Exists(posterPath))
        {
            throw new TranscodeFailedException(
                "The poster image could not be made. " + result.ErrorTail.Split('\n').LastOrDefault(),
                transient: false
            );
        }
    }
}
