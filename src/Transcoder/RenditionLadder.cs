namespace StreamEngine.Transcoder;

/// <summary>The video codec of a rendition.</summary>
public enum VideoCodec
{
    /// <summary>H.264 (x264): plays everywhere.</summary>
    H264,

    /// <summary>AV1 (SVT-AV1): smaller at the same quality; players that cannot decode it keep H.264.</summary>
    Av1,
}

/// <summary>How HLS segments are packaged.</summary>
public enum SegmentFormat
{
    /// <summary>MPEG-2 transport stream segments (<c>.ts</c>).</summary>
    Ts,

    /// <summary>Fragmented MP4 (CMAF) segments (<c>.m4s</c>) after an <c>init.mp4</c>; needed for AV1.</summary>
    Fmp4,
}

/// <summary>One rung of the configured ladder: the short side in pixels, the target H.264 bitrate and, when above
/// zero, the target bitrate of an AV1 rendition of the same size.</summary>
public sealed record LadderRung(string Name, int ShortSide, int VideoKbps, int Av1Kbps = 0);

/// <summary>One video rendition to produce from a given source.</summary>
public sealed record PlannedRendition(
    string Name,
    int Width,
    int Height,
    int VideoKbps,
    VideoCodec Codec = VideoCodec.H264
);

/// <summary>Plans the renditions of a source: never upscale, keep the aspect ratio with even dimensions, ladder on
/// the short side so portrait sources get portrait renditions. A rung with an AV1 bitrate also gets an AV1 rendition
/// named <c>{rung}-av1</c>.</summary>
public static class RenditionLadder
{
    /// <summary>The folder of the one audio rendition every video rendition shares.</summary>
    public const string AudioName = "audio";

    public const int AudioKbps = 128;

    public static readonly IReadOnlyList<LadderRung> Default =
    [
        new("1080p", 1080, 5000),
        new("720p", 720, 2800),
        new("480p", 480, 1400),
        new("360p", 360, 800),
    ];

    public static IReadOnlyList<PlannedRendition> Plan(ProbeResult source, IReadOnlyList<LadderRung>? rungs = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        rungs ??= Default;
        if (!source.HasVideo)
        {
            return [];
        }

        var shortSide = Math.Min(source.Width, source.Height);
        var longSide = Math.Max(source.Width, source.Height);
        var portrait = source.Height > source.Width;
        var chosen = rungs.Where(r => r.ShortSide <= shortSide).OrderByDescending(r => r.ShortSide).ToList();
        if (chosen.Count == 0)
        {
            // Smaller than every rung: one rendition at the source's own (even) size, at the lowest rung's bitrate.
            var lowest = rungs.OrderBy(r => r.ShortSide).First();
            chosen = [lowest with { Name = $"{Even(shortSide)}p", ShortSide = Even(shortSide) }];
        }

        var planned = new List<PlannedRendition>();
        foreach (var rung in chosen)
        {
            var scaledLong = Even((int)Math.Round((double)longSide * rung.ShortSide / shortSide));
            var scaledShort = Even(rung.ShortSide);
            var (width, height) = portrait ? (scaledShort, scaledLong) : (scaledLong, scaledShort);
            planned.Add(new PlannedRendition(rung.Name, width, height, rung.VideoKbps));
            if (rung.Av1Kbps > 0)
            {
                planned.Add(new PlannedRendition(rung.Name + "-av1", width, height, rung.Av1Kbps, VideoCodec.Av1));
            }
        }

        return planned;
    }

    private static int Even(int value) => Math.Max(2, value - (value % 2));
}
