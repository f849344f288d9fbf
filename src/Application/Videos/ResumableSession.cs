using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>A tus upload and how many of its bytes are stored.</summary>
public sealed record ResumableUpload(UploadSession Session, long Offset)
{
    public bool IsComplete => Session.CompletedAt is not null;
}

/// <summary>The caller's own tus upload, or why not. Another account's upload, and a multipart one, are
/// UPLOAD_NOT_FOUND: a tus URL says nothing about uploads that are not the caller's.</summary>
internal static class ResumableSession
{
    public static async Task<Result<UploadSession>> FindAsync(
        IUploadSessionStore uploads,
        ICurrentUser caller,
        Guid uploadId,
        CancellationToken ct
    )
    {
        var owned = await OwnedUpload.FindAsync(uploads, caller, uploadId, ct);
        if (!owned.Succeeded)
        {
            return owned.Errors[0].Code == VideoErrors.NotOwner.Code ? VideoErrors.UploadNotFound : owned;
        }

        return owned.Value.Protocol == UploadProtocol.Tus ? owned : VideoErrors.UploadNotFound;
    }

    /// <summary>Where an upload stands: the whole length once complete, UPLOAD_EXPIRED once expired or
    /// terminated.</summary>
    public static async Task<Result<ResumableUpload>> StateAsync(
        UploadSession session,
        IResumableUploadStorage storage,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        if (session.CompletedAt is not null)
        {
            return new ResumableUpload(session, session.SizeBytes);
        }

        return session.IsOpen(now)
            ? new ResumableUpload(session, await storage.OffsetAsync(session, ct))
            : VideoErrors.UploadExpired;
    }
}

/// <summary>A request body read up to the bytes an upload has left; a body with more than that fails with
/// <see cref="UploadLengthExceededException"/> after the bytes that fit were read.</summary>
internal sealed class BoundedUploadBody(Stream inner, long remaining) : Stream
{
    private long _remaining = remaining;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_remaining == 0)
        {
            // One byte more than the upload has left means the client sends too much.
            var probe = new byte[1];
            return await inner.ReadAsync(probe, cancellationToken) == 0 ? 0 : throw new UploadLengthExceededException();
        }

        var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _remaining)], cancellationToken);
        _remaining -= read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_remaining == 0)
        {
            return inner.Read(new byte[1], 0, 1) == 0 ? 0 : throw new UploadLengthExceededException();
        }

        var read = inner.Read(buffer, offset, (int)Math.Min(count, _remaining));
        _remaining -= read;
        return read;
    }

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

internal sealed class UploadLengthExceededException : IOException
{
    public UploadLengthExceededException()
        : base("The request sends more bytes than the upload has left.") { }

    public UploadLengthExceededException(string message)
        : base(message) { }

    public UploadLengthExceededException(string message, Exception inner)
        : base(message, inner) { }
}
