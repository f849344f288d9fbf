using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Infrastructure.Persistence;

/// <summary>Saves a context, translating provider conflicts into the ports' exceptions.</summary>
internal static class EfSave
{
    public static async Task SaveAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException("The data changed since it was read.", ex);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            // The tracked entities that failed must not be retried by a later save in the same scope.
            db.ChangeTracker.Clear();
            throw new DuplicateKeyException(UniqueViolationDetail(ex), ex);
        }
    }

    internal static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException switch
        {
            PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
            SqliteException lite => lite.SqliteErrorCode == 19 && lite.SqliteExtendedErrorCode is 2067 or 1555,
            _ => false,
        };

    private static string UniqueViolationDetail(DbUpdateException ex) =>
        ex.InnerException switch
        {
            PostgresException pg => pg.ConstraintName ?? "unique",
            { } inner => inner.Message,
            _ => "unique",
        };
}
