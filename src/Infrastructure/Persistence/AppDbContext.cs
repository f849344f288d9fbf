using Microsoft.EntityFrameworkCore;
using StreamEngine.Domain.Users;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Infrastructure.Persistence;

/// <summary>The one database of the application. Each provider has a derived context so that each keeps its own
/// migrations (<see cref="PostgresDbContext"/>, <see cref="SqliteDbContext"/>).</summary>
public abstract class AppDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<Session> Sessions => Set<Session>();

    public DbSet<OneTimeCode> OneTimeCodes => Set<OneTimeCode>();

    public DbSet<Video> Videos => Set<Video>();

    public DbSet<UploadSession> UploadSessions => Set<UploadSession>();

    public DbSet<TranscodeJob> TranscodeJobs => Set<TranscodeJob>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}

public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : AppDbContext(options);

public sealed class SqliteDbContext(DbContextOptions<SqliteDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite has no date type: store instants as UTC ticks so that ordering and comparisons run in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }
}
