using StreamEngine.Application.Common;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>Why a caption was refused.</summary>
public static class CaptionErrors
{
    public static readonly Error TooLarge = new(
        "CAPTION_TOO_LARGE",
        $"Caption text is at most {CaptionText.MaxBytes / 1024} KiB.",
        "content"
    );
    public static readonly Error InvalidLanguage = new(
        "INVALID_LANGUAGE",
        "A language is a BCP-47 tag such as en, pt-BR or zh-Hant.",
        "language"
    );
    public static readonly Error InvalidLabel = new(
        "INVALID_LABEL",
        "A label has 1 to 80 characters, without quotes or line breaks.",
        "label"
    );
    public static readonly Error Full = new(
        "CAPTIONS_FULL",
        $"A video has at most {Video.MaxCaptions} caption tracks; delete one first.",
        Kind: ErrorKind.Conflict
    );
    public static readonly Error NotFound = new(
        "CAPTION_NOT_FOUND",
        "The video has no caption in that language.",
        "language",
        ErrorKind.NotFound
    );

    public static Error Invalid(string why) =>
        new("CAPTION_INVALID", $"The caption text is not valid: {why}.", "content");
}
