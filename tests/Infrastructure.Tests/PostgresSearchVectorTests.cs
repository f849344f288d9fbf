using Microsoft.EntityFrameworkCore;
using StreamEngine.Infrastructure.Persistence;

namespace StreamEngine.Infrastructure.Tests;

/// <summary>The search vector is read by search only, and search can still use its GIN index.</summary>
public sealed partial class PostgresPersistenceTests
{
    [Fact]
    public async Task Videos_are_read_without_their_search_vector_and_search_can_use_its_GIN_index()
    {
        var options = new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql(_database!.ConnectionString).Options;
        await using var db = new PostgresDbContext(options);
        var search = (
            from v in db.Videos
            join s in db.SearchVectors on v.Id equals s.Id
            where s.Vector.Matches(EF.Functions.WebSearchToTsQuery("simple", "word"))
            select v
        ).ToQueryString();

        // With sequential scans priced out, the plan names the index if the query can use it at all.
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SET LOCAL enable_seqscan = off";
        await command.ExecuteNonQueryAsync();
        command.CommandText = "EXPLAIN " + search;
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        Assert.DoesNotContain(PostgresDbContext.SearchVector, db.Videos.ToQueryString(), StringComparison.Ordinal);
        Assert.Contains(plan, line => line.Contains("IX_videos_SearchVector", StringComparison.Ordinal));
    }
}
