using Microsoft.EntityFrameworkCore;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Infrastructure.Persistence;

internal sealed class EfVideoImportStore(AppDbContext db) : IVideoImportStore
{
    public void AddImport(VideoImport import) => db.VideoImports.Add(import);

    public Task<int> PendingCountAsync(Guid ownerId, CancellationToken ct) =>
        db.VideoImports.CountAsync(i => i.OwnerId == ownerId, ct);
}
