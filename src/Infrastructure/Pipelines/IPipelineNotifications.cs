namespace StreamEngine.Infrastructure.Pipelines;

public enum NotificationOutcome
{
    /// <summary>Verified and applied (or already applied: notifications may come twice).</summary>
    Applied,

    /// <summary>Verified, but not about one of our videos' transcoding.</summary>
    Ignored,

    /// <summary>No timestamp, or one outside the tolerance.</summary>
    Stale,

    /// <summary>The signature does not match.</summary>
    Forged,

    /// <summary>Verified but unreadable.</summary>
    Malformed,
}

/// <summary>A hosted pipeline's signed notifications (Cloudinary's webhook): verified, then applied to the
/// video.</summary>
public interface IPipelineNotifications
{
    Task<NotificationOutcome> HandleAsync(string body, Func<string, string?> header, CancellationToken ct);
}
