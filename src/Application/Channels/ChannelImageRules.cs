using StreamEngine.Application.Common;

namespace StreamEngine.Application.Channels;

/// <summary>Limits on channel images, shared by the use cases and the storage that receives the files.</summary>
public static class ChannelImageRules
{
    public const long MaxImageBytes = 10 * 1024 * 1024;

    /// <summary>Uploaded images a user may leave waiting for completion (each holds up to <see cref="MaxImageBytes"/>
    /// on disk until completed or swept).</summary>
    public const int MaxPendingUploads = 3;

    public static readonly Error TooLarge = new(
        "IMAGE_TOO_LARGE",
        $"An image may be at most {MaxImageBytes} bytes.",
        "sizeBytes"
    );

    public static readonly Error PendingQuota = new(
        "QUOTA_EXCEEDED",
        $"At most {MaxPendingUploads} image uploads may wait for completion; complete one first.",
        Kind: ErrorKind.Conflict
    );
}
