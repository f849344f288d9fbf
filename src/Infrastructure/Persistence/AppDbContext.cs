using Microsoft.EntityFrameworkCore;
using StreamEngine.Domain.Channels;
using StreamEngine.Domain.Engagement;
using StreamEngine.Domain.Playlists;
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

    public DbSet<ChannelSubscription> ChannelSubscriptions => Set<ChannelSubscription>();

    public DbSet<VideoLike> VideoLikes => Set<VideoLike>();

    public DbSet<CommentLike> CommentLikes => Set<CommentLike>();

    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<Playlist> Playlists => Set<Playlist>();

    public DbSet<PlaylistItem> PlaylistItems => Set<PlaylistItem>();

    public DbSet<WatchEntry> WatchHistory => Set<WatchEntry>();

    public DbSet<ViewRecord> ViewRecords => Set<ViewRecord>();

    public DbSet<Domain.Webhooks.WebhookEndpoint> WebhookEndpoints => Set<Domain.Webhooks.WebhookEndpoint>();

    public DbSet<Domain.Webhooks.WebhookDelivery> WebhookDeliveries => Set<Domain.Webhooks.WebhookDelivery>();

    public DbSet<VideoImport> VideoImports => Set<VideoImport>();

    public DbSet<Webhooks.OutboxMessage> OutboxMessages => Set<Webhooks.OutboxMessage>();

    public DbSet<Pipelines.PipelineStart> PipelineStarts => Set<Pipelines.PipelineStart>();

    public DbSet<Domain.Live.LiveStream> LiveStreams => Set<Domain.Live.LiveStream>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}

public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : AppDbContext(options)
{
    /// <summary>The column of full-text search over title and description.</summary>
    public const string SearchVector = "SearchVector";

    /// <summary>The search vector of each video, for search only. The column (a stored tsvector PostgreSQL keeps
    /// from title and description, weighted A and B, with a GIN index) was created by the migrations up to
    /// MediaJsonText and is not part of the <see cref="Video"/> mapping any more: EF Core selects every mapped column
    /// with an entity, so each video read, lists included, carried and parsed its vector.</summary>
    public IQueryable<VideoSearchVector> SearchVectors => Set<VideoSearchVector>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder
            .Entity<VideoSearchVector>()
            .HasNoKey()
            .ToSqlQuery($"SELECT \"Id\", \"{SearchVector}\" FROM videos");
        modelBuilder.Entity<VideoSearchVector>().Property(s => s.Vector).HasColumnName(SearchVector);

        // The media columns stay jsonb, as they were when EF Core wrote them as owned JSON.
        foreach (var column in new[] { "_renditions", "_captions", "_thumbnails", nameof(Video.Storyboard) })
        {
            modelBuilder.Entity<Video>().Property(column).HasColumnType("jsonb");
        }
    }
}

public sealed class SqliteDbContext(DbContextOptions<SqliteDbContext> options) : AppDbContext(options)
{
    // SQLite takes one writer at a time. Writers of this process queue here without holding a thread; the busy
    // handler (SqliteConnectionSetup) covers the rest: explicit transactions, bulk updates, other processes.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> Writers = new(
        StringComparer.Ordinal
    );

    public override async Task<int> SaveChangesAsync(
        bool acceptAllChangesOnSuccess,
        CancellationToken cancellationToken = default
    )
    {
        if (Database.CurrentTransaction is not null || !ChangeTracker.HasChanges())
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var connectionString = Database.GetConnectionString();
        var writer = Writers.GetOrAdd(connectionString ?? string.Empty, _ => new SemaphoreSlim(1, 1));
        int written;
        await writer.WaitAsync(cancellationToken);
        try
        {
            FlushesItself = true;
            written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            FlushesItself = false;
            writer.Release();
        }

        // Out of the queue: the writers queued behind this one commit while it waits for the log's fsync, which
        // covers every commit that arrived while the previous one ran (SqliteCommits).
        await SqliteCommits.FlushAsync(connectionString);
        return written;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (Database.CurrentTransaction is not null)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        int written;
        try
        {
            FlushesItself = true;
            written = base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            FlushesItself = false;
        }

        SqliteCommits.Flush(Database.GetConnectionString());
        return written;
    }

    /// <summary>True while a save outside an explicit transaction runs: it waits for the group fsync itself, after
    /// leaving the writer queue, so the interceptor does not make it wait inside.</summary>
    internal bool FlushesItself { get; private set; }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite has no date type: store instants as UTC ticks so that ordering and comparisons run in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }
}

/// <summary>One row of <see cref="PostgresDbContext.SearchVectors"/>.</summary>
public sealed class VideoSearchVector
{
    public Guid Id { get; init; }

    public NpgsqlTypes.NpgsqlTsVector Vector { get; init; } = null!;
}
