using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Users;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Persistence;
using StreamEngine.Infrastructure.Pipelines;
using StreamEngine.TestSupport;

namespace StreamEngine.Infrastructure.Tests;

/// <summary>The pipeline start outbox on a real database (SQLite and PostgreSQL): the row is written by the save that
/// moves a video to PROCESSING and by no other; a start is made once however many callers try; a failed one is kept
/// and pushed back.</summary>
public abstract class PipelineStartTests : IAsyncLifetime
{
    private readonly FlakyPipeline _pipeline = new();
    private ServiceProvider _services = null!;

    /// <summary>Registers the database's context as <see cref="AppDbContext"/>, with the interceptor.</summary>
    protected abstract Task AddDatabaseAsync(IServiceCollection services, PipelineStartInterceptor interceptor);

    protected abstract Task DropDatabaseAsync();

    public async Task InitializeAsync()
    {
        var clock = new SystemClock();
        var services = new ServiceCollection().AddSingleton<IClock>(clock);
        await AddDatabaseAsync(services, new PipelineStartInterceptor(clock));
        _services = services
            .AddKeyedSingleton<ITranscodePipeline>(PipelineStarts.Direct, _pipeline)
            .AddSingleton(Options.Create(new PipelineOptions { StartRetryDelay = TimeSpan.FromMinutes(1) }))
            .AddMetrics()
            .AddSingleton<PipelineMetrics>()
            .AddSingleton<PipelineStarts>()
            .AddLogging()
            .BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.MigrateAsync();
    }

    [Fact]
    public async Task Only_the_save_that_moves_a_video_to_processing_owes_a_start_and_it_is_made_once()
    {
        var video = await AddVideoAsync();
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var stored = await db.Videos.SingleAsync(v => v.Id == video);
            stored.Edit("Renamed", null, null, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            Assert.Equal(0, await db.PipelineStarts.CountAsync());
            stored.MarkUploaded(1000, 10, 1280, 720, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            Assert.Equal(video, (await db.PipelineStarts.SingleAsync()).VideoId);
        }

        var starts = _services.GetRequiredService<PipelineStarts>();
        var made = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => starts.TryStartAsync(video, default)));
        await starts.StartDueAsync(default);

        Assert.Equal(1, made.Count(m => m));
        Assert.Equal([video], _pipeline.Started);
        Assert.Equal(0, await CountStartsAsync());
    }

    [Fact]
    public async Task A_failed_start_stays_owed_with_its_error_and_is_not_due_again_before_its_back_off()
    {
        var video = await AddVideoAsync();
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            (await db.Videos.SingleAsync(v => v.Id == video)).MarkUploaded(1000, 10, 1280, 720, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        _pipeline.Failures = 1;
        var starts = _services.GetRequiredService<PipelineStarts>();
        var first = await starts.TryStartAsync(video, default);
        var again = await starts.TryStartAsync(video, default);

        await using var check = _services.CreateAsyncScope();
        var owed = await check.ServiceProvider.GetRequiredService<AppDbContext>().PipelineStarts.SingleAsync();
        Assert.False(first || again);
        Assert.Empty(_pipeline.Started);
        Assert.Equal((1, "ThrottlingException: Rate exceeded"), (owed.Attempts, owed.LastError));
        Assert.InRange(owed.DueAt - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(61));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await DropDatabaseAsync();
    }

    private async Task<Guid> AddVideoAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.True(EmailAddress.TryParse($"{Guid.NewGuid():N}@example.com", out var email));
        Assert.True(Handle.TryParse("u" + Guid.NewGuid().ToString("N")[..12], out var handle));
        var user = User.Register(email, handle, "Starter", "hash", DateTimeOffset.UtcNow);
        var video = Video.Create(user.Id, "Clip", null, DateTimeOffset.UtcNow);
        db.Users.Add(user);
        db.Videos.Add(video);
        await db.SaveChangesAsync();
        return video.Id;
    }

    private async Task<int> CountStartsAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().PipelineStarts.CountAsync();
    }

    private sealed class SystemClock : IClock
    {
        public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
    }

    /// <summary>Records the starts it accepts; refuses the first <see cref="Failures"/> calls.</summary>
    private sealed class FlakyPipeline : ITranscodePipeline
    {
        public int Failures { get; set; }

        public List<Guid> Started { get; } = [];

        public Task StartAsync(Guid videoId, CancellationToken ct)
        {
            if (Failures-- > 0)
            {
                throw new HttpRequestException("ThrottlingException: Rate exceeded");
            }

            lock (Started)
            {
                Started.Add(videoId);
            }

            return Task.CompletedTask;
        }

        public Task CancelAsync(Guid videoId, CancellationToken ct) => Task.CompletedTask;

        public Task DeleteOutputsAsync(Guid videoId, CancellationToken ct) => Task.CompletedTask;
    }
}

public sealed class SqlitePipelineStartTests : PipelineStartTests
{
    private readonly TempDirectory _directory = new();

    protected override Task AddDatabaseAsync(IServiceCollection services, PipelineStartInterceptor interceptor)
    {
        var database = Path.Combine(_directory.Path, "starts.db");
        services
            .AddDbContext<SqliteDbContext>(o =>
                o.UseSqlite($"Data Source={database};Foreign Keys=True").AddInterceptors(interceptor)
            )
            .AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqliteDbContext>());
        return Task.CompletedTask;
    }

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class PostgresPipelineStartTests : PipelineStartTests
{
    private PostgresTestDatabase? _database;

    protected override async Task AddDatabaseAsync(IServiceCollection services, PipelineStartInterceptor interceptor)
    {
        _database = await PostgresTestDatabase.CreateAsync();
        var connection = _database.ConnectionString;
        services
            .AddDbContext<PostgresDbContext>(o => o.UseNpgsql(connection).AddInterceptors(interceptor))
            .AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresDbContext>());
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
