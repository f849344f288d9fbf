using StreamEngine.Application.Common;

namespace StreamEngine.Application.Live;

public static class LiveErrors
{
    public static readonly Error NotFound = new(
        "LIVE_STREAM_NOT_FOUND",
        "No such live stream, or not one you may see.",
        Kind: ErrorKind.NotFound
    );
    public static readonly Error Disabled = new(
        "LIVE_DISABLED",
        "Live streaming is not enabled on this server.",
        Kind: ErrorKind.Conflict
    );
    public static readonly Error Ended = new(
        "LIVE_STREAM_ENDED",
        "The live stream has ended; create a new one to broadcast again.",
        Kind: ErrorKind.Conflict
    );
    public static readonly Error KeyRefused = new(
        "STREAM_KEY_REFUSED",
        "No live stream has this stream key.",
        Kind: ErrorKind.Forbidden
    );
    public static readonly Error AlreadyPublishing = new(
        "ALREADY_PUBLISHING",
        "A broadcaster is connected to this stream already.",
        Kind: ErrorKind.Conflict
    );
    public static readonly Error InstanceFull = new(
        "LIVE_CAPACITY_REACHED",
        "This server is carrying as many live streams as it can; try again later.",
        Kind: ErrorKind.Conflict
    );

    public static Error TooManyActive(int max) =>
        new("QUOTA_EXCEEDED", $"An account broadcasts at most {max} live stream(s) at once.", Kind: ErrorKind.Conflict);

    public static Error TooManyOpen(int max) =>
        new(
            "QUOTA_EXCEEDED",
            $"An account holds at most {max} live streams that have not ended; end one first.",
            Kind: ErrorKind.Conflict
        );
}
