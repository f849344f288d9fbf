using System.Globalization;
using System.Text;

namespace StreamEngine.Transcoder;

/// <summary>A caption track as the master playlist lists it.</summary>
public sealed record SubtitleTrack(string Language, string Label, string Uri);

/// <summary>Edits of a written master playlist that need no re-encode.</summary>
public static class HlsMasterEdits
{
    public const string SubtitlesGroup = "subs";

    /// <summary>The master with its SUBTITLES group replaced by <paramref name="tracks"/> (none: no group), every
    /// variant naming the group when there is one. The first track is the default.</summary>
    public static string WithSubtitles(string master, IReadOnlyList<SubtitleTrack> tracks)
    {
        ArgumentNullException.ThrowIfNull(master);
        ArgumentNullException.ThrowIfNull(tracks);
        var attribute = $",SUBTITLES=\"{SubtitlesGroup}\"";
        var lines = master
            .Split('\n')
            .Where(l => !l.StartsWith("#EXT-X-MEDIA:TYPE=SUBTITLES,", StringComparison.Ordinal))
            .Select(l => l.Replace(attribute, string.Empty, StringComparison.Ordinal))
            .ToList();
        if (tracks.Count == 0)
        {
            return string.Join('\n', lines);
        }

        var media = tracks.Select(
            (t, i) =>
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"{SubtitlesGroup}\",NAME=\"{t.Label}\","
                        + $"LANGUAGE=\"{t.Language}\",DEFAULT={(i == 0 ? "YES" : "NO")},AUTOSELECT=YES,"
                        + $"URI=\"{t.Uri}\""
                )
        );
        var firstVariant = lines.FindIndex(l => l.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal));
        var at = firstVariant < 0 ? lines.Count : firstVariant;
        lines.InsertRange(at, media);
        return string.Join(
            '\n',
            lines.Select(l => l.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal) ? l + attribute : l)
        );
    }

    /// <summary>A one-segment WebVTT playlist for a caption file covering the whole video.</summary>
    public static string SubtitlePlaylist(string vttFile, double durationSeconds)
    {
        var duration = Math.Max(durationSeconds, 0.001);
        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n");
        text.Append(CultureInfo.InvariantCulture, $"#EXT-X-TARGETDURATION:{(int)Math.Ceiling(duration)}\n");
        text.Append("#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n");
        text.Append(CultureInfo.InvariantCulture, $"#EXTINF:{duration:0.000},\n{vttFile}\n#EXT-X-ENDLIST\n");
        return text.ToString();
    }

    /// <summary>The first variant of a master playlist whose codecs are H.264 (the one every device decodes), or the
    /// first variant.</summary>
    public static string? TopH264Variant(string master)
    {
        ArgumentNullException.ThrowIfNull(master);
        var lines = master.Split('\n').Select(l => l.Trim()).ToList();
        string? first = null;
        for (var i = 0; i < lines.Count - 1; i++)
        {
            if (!lines[i].StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal))
            {
                continue;
            }

            first ??= lines[i + 1];
            if (lines[i].Contains("CODECS=\"avc1", StringComparison.Ordinal))
            {
                return lines[i + 1];
            }
        }

        return first;
    }
}
