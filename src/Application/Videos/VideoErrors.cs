using StreamEngine.Application.Common;

namespace StreamEngine.Application.Videos;

public static class VideoErrors
{
    public static readonly Error VideoNotReady = new(
        "VIDEO_NOT_READY",
        "Captions, thumbnails and downloads are for READY videos.",
        "videoId"
    );
    public static readonly Error MediaEditUnavailable = new(
        "UNAVAILABLE_ON_PIPELINE",
        "This pipeline's delivery does not support it (see the README's Video media section)."
    );
    public static readonly Error NotFound = new("VIDEO_NOT_FOUND", "No such video.", Kind: ErrorKind.NotFound);
    public static readonly Error UploadNotFound = new("UPLOAD_NOT_FOUND", "No such upload.", Kind: ErrorKind.NotFound);
    public static readonly Error NotOwner = new("NOT_OWNER", "Only the owner may do this.", Kind: ErrorKind.Forbidden);
    public static readonly Error UploadExpired = new(
        "UPLOAD_EXPIRED",
        "This upload has expired or was aborted; start a new one."
    );
    public static readonly Error InvalidTitle = new(
        "INVALID_TITLE",
        $"A title has 1 to {Domain.Videos.Video.MaxTitleLength} characters.",
        "title"
    );
    public static readonly Error InvalidDescription = new(
        "INVALID_DESCRIPTION",
        $"A description has at most {Domain.Videos.Video.MaxDescriptionLength} characters.",
        "description"
    );
    public static readonly Error InvalidImportUrl = new(
        "INVALID_URL",
        $"An import URL is an absolute https URL of at most {Domain.Videos.VideoImport.MaxUrlLength} characters, "
            + "without user information.",
        "url"
    );
    public static readonly Error ImportUrlNotAllowed = new(
        "URL_NOT_ALLOWED",
        "The URL does not resolve to public addresses only (loopback, private, link-local and metadata addresses "
            + "are refused).",
        "url"
    );
    public static readonly Error InvalidFileName = new(
        "INVALID_FILE_NAME",
        "A file name has 1 to 255 characters.",
        "fileName"
    );
    public static readonly Error UnsupportedContentType = new(
        "UNSUPPORTED_CONTENT_TYPE",
        "Upload a video or audio file (video/* or audio/*).",
        "contentType"
    );
    public static readonly Error PartsIncomplete = new(
        "PARTS_INCOMPLETE",
        "Not every part has been uploaded.",
        "parts"
    );
    public static readonly Error PartMismatch = new(
        "PART_MISMATCH",
        "A part's ETag does not match what was received; upload it again.",
        "parts"
    );

    public static Error OpenUploadsQuota(int max) =>
        new(
            "QUOTA_EXCEEDED",
            $"You have {max} uploads open already; finish or abort one first.",
            Kind: ErrorKind.Conflict
        );

    public static Error ReservedBytesQuota(long max) =>
        new(
            "QUOTA_EXCEEDED",
            $"Your open uploads would reserve more than {max} bytes; finish or abort one first.",
            "sizeBytes",
            ErrorKind.Conflict
        );

    public static Error TooLarge(long max) =>
        new("UPLOAD_TOO_LARGE", $"A video may be at most {max} bytes.", "sizeBytes");

    public static Error OffsetMismatch(long offset) =>
        new(
            "UPLOAD_OFFSET_MISMATCH",
            $"The upload stands at byte {offset}; send from there (HEAD tells where it stands).",
            Kind: ErrorKind.Conflict
        );

    public static readonly Error UploadBusy = new(
        "UPLOAD_BUSY",
        "Another request is writing to this upload; retry when it has finished.",
        Kind: ErrorKind.Conflict
    );

    public static Error LengthExceeded(long length) =>
        new("UPLOAD_LENGTH_EXCEEDED", $"The upload has {length} bytes; the request sends more than that.");

    public static Error SizeMismatch(long size) =>
        new("SIZE_MISMATCH", $"This video's upload was created for {size} bytes.", "sizeBytes");

    public static readonly Error WrongProtocol = new(
        "WRONG_PROTOCOL",
        "This is a tus upload: it completes with its last byte, PATCHed to its tus URL."
    );

    /// <summary>What is wrong with a video's title and description (a title is 1 to MaxTitleLength characters once
    /// trimmed; null when not being set and <paramref name="titleRequired"/> is false); empty when nothing
    /// is.</summary>
    public static IReadOnlyList<Error> OfText(string? title, string? description, bool titleRequired = true)
    {
        var errors = new List<Error>();
        if (
            (title is not null || titleRequired)
            && title?.Trim() is not { Length: > 0 and <= Domain.Videos.Video.MaxTitleLength }
        )
        {
            errors.Add(InvalidTitle);
        }

        if (description is { Length: > Domain.Videos.Video.MaxDescriptionLength })
        {
            errors.Add(InvalidDescription);
        }

        return errors;
    }
}
