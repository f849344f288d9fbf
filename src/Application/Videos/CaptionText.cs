using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using StreamEngine.Application.Common;

namespace StreamEngine.Application.Videos;

/// <summary>The formats a caption may be sent in.</summary>
public enum CaptionFormat
{
    Srt,
    WebVtt,
}

/// <summary>Reads SRT or WebVTT caption text and writes it back as plain, safe WebVTT: cues in time order with
/// well-formed timings; markup other than &lt;b&gt;, &lt;i&gt; and &lt;u&gt; becomes text; notes, styles and regions
/// are dropped. Anything that is not caption text is refused with the line it stopped at.</summary>
public static partial class CaptionText
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxCues = 20_000;
    public const int MaxCueLines = 10;

    public static Result<string> ToWebVtt(CaptionFormat format, string content, double durationSeconds)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (Encoding.UTF8.GetByteCount(content) > MaxBytes)
        {
            return CaptionErrors.TooLarge;
        }

        if (content.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            return CaptionErrors.Invalid("it contains control characters; captions are text");
        }

        var lines = content.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var index = 0;
        if (format == CaptionFormat.WebVtt)
        {
            if (lines.Length == 0 || !WebVttHeader().IsMatch(lines[0]))
            {
                return CaptionErrors.Invalid("a WebVTT file starts with the line WEBVTT");
            }

            index = 1;
        }

        var output = new StringBuilder("WEBVTT\n");
        var cues = 0;
        var last = TimeSpan.Zero;
        while (index < lines.Length)
        {
            if (lines[index].Trim().Length == 0)
            {
                index++;
                continue;
            }

            var block = new List<string>();
            var first = index;
            while (index < lines.Length && lines[index].Trim().Length > 0)
            {
                block.Add(lines[index++]);
            }

            if (format == CaptionFormat.WebVtt && NonCueBlock().IsMatch(block[0]))
            {
                continue;
            }

            // An identifier (SRT's counter, an optional WebVTT id) may precede the timing line.
            var timing = block[0].Contains("-->", StringComparison.Ordinal) ? 0 : 1;
            if (timing >= block.Count || Timing().Match(block[timing]) is not { Success: true } match)
            {
                return CaptionErrors.Invalid($"line {first + timing + 1} is not a cue timing (start --> end)");
            }

            if (
                !TryTime(match.Groups["start"].Value, format, out var start)
                || !TryTime(match.Groups["end"].Value, format, out var end)
                || end <= start
            )
            {
                return CaptionErrors.Invalid($"line {first + timing + 1} has a timing that is not start < end");
            }

            var text = block.Skip(timing + 1).ToList();
            if (text.Count is 0 or > MaxCueLines || ++cues > MaxCues)
            {
                return CaptionErrors.Invalid(
                    $"the cue at line {first + 1} has no text, more than {MaxCueLines} lines, or the file has more "
                        + $"than {MaxCues} cues"
                );
            }

            if (start.TotalSeconds > durationSeconds + 1)
            {
                return CaptionErrors.Invalid($"the cue at line {first + 1} starts after the video ends");
            }

            last = end > last ? end : last;
            output.Append(CultureInfo.InvariantCulture, $"\n{Format(start)} --> {Format(end)}\n");
            foreach (var line in text)
            {
                output.Append(Safe(line.Trim())).Append('\n');
            }
        }

        return cues == 0 ? CaptionErrors.Invalid("it has no cues") : output.ToString();
    }

    /// <summary>Cue text as WebVTT text: only b, i and u tags survive; every other &lt;, &gt; and &amp; is escaped
    /// (so "--&gt;" can never start a timing line).</summary>
    private static string Safe(string line)
    {
        var escaped = line.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
        return AllowedTag().Replace(escaped, m => $"<{m.Groups[1].Value}{m.Groups[2].Value.ToLowerInvariant()}>");
    }

    private static bool TryTime(string value, CaptionFormat format, out TimeSpan time)
    {
        time = default;
        var match = Time().Match(value);
        if (!match.Success || (format == CaptionFormat.Srt) != (match.Groups["sep"].Value == ","))
        {
            return false;
        }

        var hours = match.Groups["h"].Success ? int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture) : 0;
        var minutes = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        var seconds = int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture);
        var millis = int.Parse(match.Groups["ms"].Value, CultureInfo.InvariantCulture);
        if (minutes > 59 || seconds > 59 || hours > 99)
        {
            return false;
        }

        time = new TimeSpan(0, hours, minutes, seconds, millis);
        return true;
    }

    private static string Format(TimeSpan t) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}.{t.Milliseconds:000}"
        );

    [GeneratedRegex(@"^WEBVTT([ \t].*)?$")]
    private static partial Regex WebVttHeader();

    [GeneratedRegex(@"^(NOTE|STYLE|REGION)([ \t]|$)")]
    private static partial Regex NonCueBlock();

    [GeneratedRegex(@"^\s*(?<start>[\d:.,]+)\s+-->\s+(?<end>[\d:.,]+)(\s+.*)?$")]
    private static partial Regex Timing();

    [GeneratedRegex(@"^(?:(?<h>\d{1,2}):)?(?<m>\d{2}):(?<s>\d{2})(?<sep>[.,])(?<ms>\d{3})$")]
    private static partial Regex Time();

    [GeneratedRegex("&lt;(/?)([biuBIU])&gt;")]
    private static partial Regex AllowedTag();
}
