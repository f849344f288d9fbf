using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Fakes;

/// <summary>tus bytes in memory, per upload; a test can hold an upload busy or break a body part-way.</summary>
public sealed class InMemoryResumableUploads : IResumableUploadStorage
{
    public Dictionary<Guid, List<byte>> Bytes { get; } = [];

    public HashSet<Guid> Busy { get; } = [];

    public List<Guid> Finished { get; } = [];

    public Task<long> OffsetAsync(UploadSession session, CancellationToken ct) =>
        Task.FromResult((long)(Bytes.GetValueOrDefault(session.Id)?.Count ?? 0));

    public async Task<AppendResult> AppendAsync(
        UploadSession session,
        long expectedOffset,
        Stream body,
        CancellationToken ct
    )
    {
        if (Busy.Contains(session.Id))
        {
            return new AppendResult(AppendOutcome.Locked, -1);
        }

        var stored = Bytes.TryGetValue(session.Id, out var list) ? list : Bytes[session.Id] = [];
        if (stored.Count != expectedOffset)
        {
            return new AppendResult(AppendOutcome.OffsetMismatch, stored.Count);
        }

        var buffer = new byte[7];
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            stored.AddRange(buffer[..read]);
        }

        return new AppendResult(AppendOutcome.Appended, stored.Count);
    }

    public Task FinishAsync(UploadSession session, CancellationToken ct)
    {
        Finished.Add(session.Id);
        return Task.CompletedTask;
    }
}

/// <summary>A request body whose connection breaks after <paramref name="bytes"/> bytes.</summary>
public sealed class BreakingBody(int bytes) : MemoryStream(new byte[bytes])
{
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await base.ReadAsync(buffer, cancellationToken);
        return read > 0 ? read : throw new IOException("The connection was reset.");
    }
}
