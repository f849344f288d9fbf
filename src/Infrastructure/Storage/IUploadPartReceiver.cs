namespace StreamEngine.Infrastructure.Storage;

public enum PartReceipt
{
    Stored,
    BadSignature,
    Expired,
    UnknownUpload,
    WrongSize,

    /// <summary>The uploader holds as many unfinished uploads of this kind as allowed.</summary>
    QuotaExceeded,

    /// <summary>The server's disk is full: nothing was kept; the client may send the part again later.</summary>
    StorageFull,
}

/// <summary>Receives one part PUT to a signed part URL of the local storage adapter, streaming it to disk.</summary>
public interface IUploadPartReceiver
{
    Task<(PartReceipt Result, string? ETag)> ReceiveAsync(
        Guid uploadId,
        int partNumber,
        IReadOnlyDictionary<string, string> query,
        long? contentLength,
        Stream body,
        CancellationToken ct
    );
}
