using System.Globalization;
using System.Text;

namespace StreamEngine.Transcoder;

/// <summary>One stretch of a source encoded on its own: it starts on a segment boundary, so its first frame is a
/// keyframe at the same timestamp the whole-source encode would have put one.</summary>
public sealed record ChunkPlan(int Index, double Start, double Length)
{
    public int FirstSegment => (int)Math.Round(Start / HlsLadderEncoder.SegmentSeconds);

    /// <summary>The chunks of a source: <paramref name="chunkSeconds"/> each (a multiple of the segment length),
    /// the last one what remains.</summary>
    public static IReadOnlyList<ChunkPlan> Split(double durationSeconds, int chunkSeconds)
    {
        if (chunkSeconds <= 0 || chunkSeconds % HlsLadderEncoder.SegmentSeconds != 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(chunkSeconds),
                $"A chunk is a positive multiple of {HlsLadderEncoder.SegmentSeconds} seconds."
            );
        }

        var chunks = new List<ChunkPlan>();
        for (var start = 0; start < durationSeconds; start += chunkSeconds)
        {
            chunks.Add(new ChunkPlan(chunks.Count, start, Math.Min(chunkSeconds, durationSeconds - start)));
        }

        return chunks;
    }
}

/// <summary>A long source's video renditions encoded as independent chunks and joined in order with no re-encode:
/// every chunk's segments keep their numbers and timestamps on the whole video's timeline (keyframes every 2 s from
/// a chunk start that is a multiple of the segment length), so the joined playlist is the one a single encode would
/// have written, with no discontinuity. The audio is encoded once over the whole source (AAC restarted per chunk
/// would click at every join), together with the storyboard.</summary>
public static class ChunkedLadder
{
    public const string ChunksFolder = "chunks";

    /// <summary>Whether a source is long enough, and chunking on, for its video to be encoded in chunks.</summary>
    public static bool Applies(FfmpegOptions options, ProbeResult probe, IReadOnlyList<PlannedRendition> video) =>
        options is { ChunkSeconds: > 0 }
        && probe is not null
        && video is { Count: > 0 }
        && probe.DurationSeconds > options.ChunkThreshold.TotalSeconds;

    /// <summary>The whole ladder in one go: the audio and storyboard over the whole source, then every chunk of the
    /// video renditions in order, then the join.</summary>
    public static async Task EncodeAllAsync(
        FfmpegOptions options,
        string sourcePath,
        ProbeResult probe,
        EncodeJob whole,
        string work,
        IProgress<TranscodeProgress>? progress,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(whole);
        var encoder = new HlsLadderEncoder(options);
        await encoder.EncodeAsync(sourcePath, probe, whole with { Video = [] }, work, null, ct);
        var chunks = ChunkPlan.Split(probe.DurationSeconds, options.ChunkSeconds);
        foreach (var chunk in chunks)
        {
            await EncodeChunkAsync(options, sourcePath, probe, whole.Video, chunk, work, ct);
            progress?.Report(
                new TranscodeProgress("ENCODING", Math.Round(100.0 * (chunk.Index + 1) / chunks.Count, 1))
            );
        }

        await JoinAsync(work, whole.Video, chunks, ct);
    }

    public static string FolderOf(string work, ChunkPlan chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return Path.Combine(work, ChunksFolder, chunk.Index.ToString("000", CultureInfo.InvariantCulture));
    }

    /// <summary>Encodes one chunk of every video rendition into its own folder (<see cref="FolderOf"/>); a chunk
    /// encoded again replaces what an earlier attempt left.</summary>
    public static async Task EncodeChunkAsync(
        FfmpegOptions options,
        string sourcePath,
        ProbeResult probe,
        IReadOnlyList<PlannedRendition> video,
        ChunkPlan chunk,
        string work,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(options);
        var folder = FolderOf(work, chunk);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        var job = new EncodeJob(video, Audio: false, Storyboard: null) { Chunk = chunk };
        await new HlsLadderEncoder(options).EncodeAsync(sourcePath, probe, job, folder, null, ct);
        if (options.SegmentFormat != SegmentFormat.Fmp4 || chunk.Start == 0)
        {
            return;
        }

        foreach (var rendition in video)
        {
            var renditionFolder = Path.Combine(folder, rendition.Name);
            var timescale = Fmp4Timeline.TrackTimescale(Path.Combine(renditionFolder, HlsPackage.InitSegment));
            foreach (var (_, uri) in HlsPackage.ReadSegments(Path.Combine(renditionFolder, "index.m3u8")))
            {
                Fmp4Timeline.Shift(Path.Combine(renditionFolder, uri), chunk.Start, timescale);
            }
        }
    }

    /// <summary>Joins the chunks of every video rendition into its folder under <paramref name="work"/>: segments moved
    /// in order, one playlist, the chunk folders removed. A chunk whose initialisation segment differs from the one
    /// before gets its own <c>EXT-X-MAP</c>. A join interrupted part-way (the process killed) is done again from
    /// where it stopped: what was moved is found where it went.</summary>
    public static async Task JoinAsync(
        string work,
        IReadOnlyList<PlannedRendition> video,
        IReadOnlyList<ChunkPlan> chunks,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(chunks);
        if (
            !Directory.Exists(Path.Combine(work, ChunksFolder))
            && video.All(r => File.Exists(Path.Combine(work, r.Name, "index.m3u8")))
        )
        {
            return; // joined by a run that stopped after it
        }

        foreach (var rendition in video)
        {
            var target = Path.Combine(work, rendition.Name);
            Directory.CreateDirectory(target);
            var body = new StringBuilder();
            var targetDuration = 0;
            byte[]? lastInit = null;
            foreach (var chunk in chunks)
            {
                var folder = Path.Combine(FolderOf(work, chunk), rendition.Name);
                var playlist = Path.Combine(folder, "index.m3u8");
                targetDuration = Math.Max(targetDuration, TargetDuration(await File.ReadAllLinesAsync(playlist, ct)));
                lastInit = MoveInit(folder, target, chunk, lastInit, body);
                foreach (var (duration, uri) in HlsPackage.ReadSegments(playlist))
                {
                    MoveUnlessMoved(Path.Combine(folder, uri), Path.Combine(target, uri));
                    body.Append(CultureInfo.InvariantCulture, $"#EXTINF:{duration:0.000000},\n{uri}\n");
                }
            }

            var header = new StringBuilder("#EXTM3U\n")
                .Append(CultureInfo.InvariantCulture, $"#EXT-X-VERSION:{(lastInit is null ? 3 : 7)}\n")
                .Append(CultureInfo.InvariantCulture, $"#EXT-X-TARGETDURATION:{targetDuration}\n")
                .Append("#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-INDEPENDENT-SEGMENTS\n");
            await HlsPackage.ReplaceAsync(
                Path.Combine(target, "index.m3u8"),
                header.Append(body).Append("#EXT-X-ENDLIST\n").ToString(),
                ct
            );
        }

        Directory.Delete(Path.Combine(work, ChunksFolder), recursive: true);
    }

    /// <summary>Keeps the chunk's initialisation segment when it differs from the last one kept (named after the
    /// chunk from the second on) and names it in the playlist; returns the one now in force (null for TS).</summary>
    private static byte[]? MoveInit(string folder, string target, ChunkPlan chunk, byte[]? last, StringBuilder body)
    {
        var init = Path.Combine(folder, HlsPackage.InitSegment);
        var name = last is null
            ? HlsPackage.InitSegment
            : string.Create(CultureInfo.InvariantCulture, $"init_{chunk.Index:000}.mp4");
        if (!File.Exists(init))
        {
            // None (MPEG-TS), or moved by an interrupted join.
            if (!File.Exists(Path.Combine(target, name)))
            {
                return null;
            }

            body.Append(CultureInfo.InvariantCulture, $"#EXT-X-MAP:URI=\"{name}\"\n");
            return File.ReadAllBytes(Path.Combine(target, name));
        }

        var bytes = File.ReadAllBytes(init);
        if (last is not null && bytes.AsSpan().SequenceEqual(last))
        {
            return last;
        }

        File.Move(init, Path.Combine(target, name), overwrite: true);
        body.Append(CultureInfo.InvariantCulture, $"#EXT-X-MAP:URI=\"{name}\"\n");
        return bytes;
    }

    private static void MoveUnlessMoved(string from, string to)
    {
        if (File.Exists(from) || !File.Exists(to))
        {
            File.Move(from, to, overwrite: true);
        }
    }

    private static int TargetDuration(IEnumerable<string> lines) =>
        lines
            .Where(l => l.StartsWith("#EXT-X-TARGETDURATION:", StringComparison.Ordinal))
            .Select(l => int.Parse(l["#EXT-X-TARGETDURATION:".Length..], CultureInfo.InvariantCulture))
            .DefaultIfEmpty(HlsLadderEncoder.SegmentSeconds)
            .Max();
}
