using System.Text.RegularExpressions;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>The checks every caption change shares: a READY video on a pipeline that can change captions, a BCP-47
/// language (returned in its canonical case), a label safe to quote in a playlist.</summary>
internal static partial class CaptionRules
{
    public static Result<(string Language, string Label)> Check(
        Video video,
        IVideoMediaEditor media,
        string? language,
        string? label
    )
    {
        if (MediaEditRules.Editable(video, media, MediaEdit.Captions) is { } refused)
        {
            return refused;
        }

        var errors = new List<Error>();
        var canonical = Canonical(language);
        if (canonical is null)
        {
            errors.Add(CaptionErrors.InvalidLanguage);
        }

        if (label is not null)
        {
            label = label.Trim();
        }

        if (string.IsNullOrEmpty(label) || label.Length > 80 || label.Any(c => char.IsControl(c) || c == '"'))
        {
            errors.Add(CaptionErrors.InvalidLabel);
        }

        return errors.Count > 0 ? Result<(string, string)>.Failure(errors) : (canonical!, label!);
    }

    /// <summary>A BCP-47 tag in its usual case (language lower, script title, region upper), or null.</summary>
    public static string? Canonical(string? language)
    {
        if (language is null || language.Length > 35 || !Bcp47().IsMatch(language))
        {
            return null;
        }

        var parts = language.Split('-');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = (i, parts[i].Length) switch
            {
                (0, _) => parts[i].ToLowerInvariant(),
                (_, 4) when char.IsLetter(parts[i][0]) => char.ToUpperInvariant(parts[i][0])
                    + parts[i][1..].ToLowerInvariant(),
                (_, 2) => parts[i].ToUpperInvariant(),
                _ => parts[i].ToLowerInvariant(),
            };
        }

        return string.Join('-', parts);
    }

    /// <summary>A file key for a new version of a language's caption (the files are cached as immutable).</summary>
    public static string NewKey(string language) =>
        $"{language.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..10]}";

    public static IReadOnlyList<string> FilesOf(Caption caption) =>
        [VideoMediaFiles.CaptionVtt(caption), VideoMediaFiles.CaptionPlaylist(caption)];

    [GeneratedRegex(
        "^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$"
    )]
    private static partial Regex Bcp47();
}
