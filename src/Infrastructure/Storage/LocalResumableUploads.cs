using System.Buffers;
using System.Runtime.ExceptionServices;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Infrastructure.Storage;

/// <summary>tus uploads on the local disk: one file, <c>uploads/{upload}/tus</c>, appended in order and flushed to
/// the disk at the end of every PATCH. The file, opened without sharing, is the lock: a second writer, from this
/// process or another on the same data directory, is refused.</summary>
public sealed class LocalResumableUploads(LocalDiskStorage disk) : IResumableUploadStorage
{
    public Task<long> OffsetAsync(UploadSession session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var file = new FileInfo(FileOf(session));
        return Task.FromResult(file.Exists ? file.Length : 0);
    }

    public async Task<AppendResult> AppendAsync(
        UploadSession session,
        long expectedOffset,
        Stream body,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(body);
        Directory.CreateDirectory(disk.UploadFolder(session.Id));
        FileStream file;
        try
        {
            file = new FileStream(
                FileOf(session),
                FileMode.OpenOrCreate,
                FileAccess.Write,
                FileShare.None,
                1,
                FileOptions.Asynchronous
            );
        }
        catch (IOException)
        {
            return new AppendResult(AppendOutcome.Locked, -1);
        }

        await using (file)
        {
            if (file.Length != expectedOffset)
            {
                return new AppendResult(AppendOutcome.OffsetMismatch, file.Length);
            }

            file.Seek(0, SeekOrigin.End);
            var buffer = ArrayPool<byte>.Shared.Rent(LocalDiskStorage.CopyBufferBytes);
            ExceptionDispatchInfo? broken = null;
            try
            {
                int read;
                while ((read = await body.ReadAsync(buffer, ct)) > 0)
                {
                    // Bytes read are written even when the request is being aborted: they count.
                    await file.WriteAsync(buffer.AsMemory(0, read), CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException)
            {
                broken = ExceptionDispatchInfo.Capture(ex);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            file.Flush(flushToDisk: true);
            broken?.Throw();
            return new AppendResult(AppendOutcome.Appended, file.Length);
        }
    }

    public async Task FinishAsync(UploadSession session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (File.Exists(FileOf(session)))
        {
            await disk.StoreSourceAsync(session.VideoId, FileOf(session), ct);
        }

        await disk.AbortUploadAsync(session, ct);
    }

    private string FileOf(UploadSession session) => Path.Combine(disk.UploadFolder(session.Id), "tus");
}
