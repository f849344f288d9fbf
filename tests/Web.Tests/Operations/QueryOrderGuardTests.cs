using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StreamEngine.Infrastructure.Persistence;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests.Operations;

/// <summary>A page or batch read without an order (EF Core's "row limiting operator without OrderBy") is an error, not
/// a warning in the log: every query the suite runs is checked by it.</summary>
public sealed class QueryOrderGuardTests
{
    [Fact]
    public async Task A_take_without_an_order_fails_and_with_one_runs()
    {
        await using var app = StreamEngineApp.With(null);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var unordered = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Videos.Take(5).ToListAsync());
        var ordered = await db.Videos.OrderBy(v => v.CreatedAt).Take(5).ToListAsync();

        Assert.Contains("RowLimitingOperationWithoutOrderByWarning", unordered.Message, StringComparison.Ordinal);
        Assert.Empty(ordered);
    }
}
