namespace StreamEngine.Transcoder;

/// <summary>One rung of the configured ladder: the short side in pixels and the target video bitrate.</summary>
public sealed record LadderRung(string Name, int ShortSide, int VideoKbps);

/// <summary>One rendition to produce from a given source.</summary>
public sealed record PlannedRendition(string Name, int Width, int Height, int VideoKbps, int AudioKbps);

/// <summary>Plans the renditions of a source: never upscale, keep the aspect ratio with even dimensions, ladder on
/// the short side so portrait sources get portrait renditions.</summary>
public static class RenditionLadder
{
    public static readonly IReadOnlyList<LadderRung> Default =
    [
        new("1080p", 1080, 5000),
        new("720p", 720, 2800),
        new("480p", 480, 1400),
        new("360p", 360, 800),
    ];

    public static IReadOnlyList<PlannedRendition> Plan(
        ProbeResult source,
        IReadOnlyList<LadderRung>? rungs = null,
        int audioKbps = 128
    )
    {
        ArgumentNullException.ThrowIfNull(source);
        rungs ??= Default;
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

        return chosen
            .Select(rung =>
            {
                var scaledLong = Even((int)Math.Round((double)longSide * rung.ShortSide / shortSide));
                var scaledShort = Even(rung.ShortSide);
                return portrait
                    ? new PlannedRendition(rung.Name, scaledShort, scaledLong, rung.VideoKbps, audioKbps)
                    : new PlannedRendition(rung.Name, scaledLong, scaledShort, rung.VideoKbps, audioKbps);
            })
            .ToList();
    }

    private static int Even(int value) => Math.Max(2, value - (value % 2));
}
