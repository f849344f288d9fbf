namespace StreamEngine.Infrastructure.Storage;

/// <summary>The HTTP side of the local channel images: receiving a signed image PUT (at most its signed size) and
/// finding the file of a public image URL.</summary>
public interface IChannelImageFiles
{
    Task<PartReceipt> ReceiveAsync(
        Guid userId,
        string kind,
        string token,
        IReadOnlyDictionary<string, string> query,
        long? contentLength,
        Stream body,
        DateTimeOffset now,
        CancellationToken ct
    );

    string? Resolve(Guid userId, string fileName);
}
