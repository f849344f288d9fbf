using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StreamEngine.Infrastructure.Persistence;

/// <summary>Applies pending migrations before the server accepts requests, when
/// <c>StreamEngine:Database:MigrateOnStartup</c> is true, and puts an SQLite database in write-ahead-log
/// mode.</summary>
internal sealed class DatabaseMigrator(
    IServiceProvider services,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseMigrator> logger
) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (options.Value.Provider == DatabaseProvider.Sqlite)
        {
            // The rollback journal makes every reader wait for a writer and costs several fsyncs per commit; in WAL
            // mode readers go on during a write and a commit is one append (still fsynced: synchronous stays FULL).
            // The mode is kept in the file, so this runs once per database.
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        if (!options.Value.MigrateOnStartup)
        {
            return;
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation(
                "Applying {Count} migration(s) on {Provider}: {Migrations}",
                pending.Count,
                options.Value.Provider,
                pending
            );
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
