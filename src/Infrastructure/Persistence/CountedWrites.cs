using Microsoft.EntityFrameworkCore;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Infrastructure.Persistence;

/// <summary>Engagement writes: each a transaction in which the row changes and the counters they affect move
/// together, with atomic increments (<c>SET n = n + 1</c>), so concurrent likes never lose one. A duplicate row
/// (a second like) is caught by the unique key and changes nothing.</summary>
internal static class CountedWrites
{
    public static async Task<bool> InsertAsync<TRow>(
        AppDbContext db,
        TRow row,
        Func<Task<int>> count,
        CancellationToken ct
    )
        where TRow : class
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(row);
        try
        {
            await EfSave.SaveAsync(db, ct);
        }
        catch (DuplicateKeyException)
        {
            return false;
        }

        db.Entry(row).State = EntityState.Detached;
        await count();
        await tx.CommitAsync(ct);
        return true;
    }

    public static async Task<bool> DeleteAsync<TRow>(
        AppDbContext db,
        IQueryable<TRow> rows,
        Func<Task<int>> count,
        CancellationToken ct
    )
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await rows.ExecuteDeleteAsync(ct) == 0)
        {
            return false;
        }

        await count();
        await tx.CommitAsync(ct);
        return true;
    }
}
