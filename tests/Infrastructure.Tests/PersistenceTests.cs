using Microsoft.EntityFrameworkCore;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Users;
using StreamEngine.Infrastructure.Persistence;
using StreamEngine.TestSupport;

namespace StreamEngine.Infrastructure.Tests;

/// <summary>The same persistence behaviour on both providers: PostgreSQL (real server) and SQLite (a file).</summary>
public abstract partial class PersistenceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    protected abstract Task<Func<AppDbContext>> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    private Func<AppDbContext> _newContext = null!;

    public async Task InitializeAsync()
    {
        _newContext = await CreateDatabaseAsync();
        await using var db = _newContext();
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync() => DropDatabaseAsync();

    [Fact]
    public async Task The_migrations_create_the_current_model_with_nothing_pending()
    {
        await using var db = _newContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(
            db.Database.HasPendingModelChanges(),
            "The model changed without a migration: run dotnet ef migrations add for both providers."
        );
    }

    [Fact]
    public async Task Users_sessions_and_codes_round_trip_with_their_instants()
    {
        var user = NewUser("round");
        var session = Session.Start(user.Id, "hash-1", "Firefox", Now, TimeSpan.FromDays(30));
        var code = OneTimeCode.Issue(
            user.Id,
            OneTimeCodePurpose.VerifyEmail,
            "token-hash",
            "code-hash",
            Now,
            TimeSpan.FromHours(24)
        );
        await using (var db = _newContext())
        {
            var store = new EfAccountStore(db);
            store.AddUser(user);
            store.AddSession(session);
            store.AddCode(code);
            await store.SaveChangesAsync(default);
        }

        await using (var db = _newContext())
        {
            var store = new EfAccountStore(db);
            Assert.True(EmailAddress.TryParse(user.Email, out var email));
            var loaded = await store.FindUserByEmailAsync(email, default);
            var sessions = await store.ListActiveSessionsAsync(user.Id, Now.AddDays(29), default);
            var codes = await store.ListCodesAsync(
                user.Id,
                OneTimeCodePurpose.VerifyEmail,
                Now.AddMinutes(-1),
                default
            );

            Assert.Equal(user.Id, loaded!.Id);
            Assert.Equal(Now, loaded.CreatedAt);
            Assert.Equal(session.Id, Assert.Single(sessions).Id);
            Assert.Empty(await store.ListActiveSessionsAsync(user.Id, Now.AddDays(31), default));
            Assert.Equal(Now.AddHours(24), Assert.Single(codes).ExpiresAt);
            Assert.NotNull(await store.FindCodeByTokenHashAsync("token-hash", OneTimeCodePurpose.VerifyEmail, default));
            Assert.Null(await store.FindCodeByTokenHashAsync("token-hash", OneTimeCodePurpose.ResetPassword, default));
        }
    }

    [Fact]
    public async Task A_second_account_with_the_same_email_or_handle_is_a_duplicate_key()
    {
        var first = NewUser("dup");
        await using (var db = _newContext())
        {
            var store = new EfAccountStore(db);
            store.AddUser(first);
            await store.SaveChangesAsync(default);
        }

        Assert.True(EmailAddress.TryParse(first.Email, out var email));
        Assert.True(Handle.TryParse("other_" + first.Handle[..10], out var otherHandle));
        await using (var db = _newContext())
        {
            var store = new EfAccountStore(db);
            store.AddUser(User.Register(email, otherHandle, "Second", "hash", Now));
            await Assert.ThrowsAsync<DuplicateKeyException>(() => store.SaveChangesAsync(default));
        }
    }

    [Fact]
    public async Task Two_rotations_of_one_session_racing_let_only_one_win()
    {
        var user = NewUser("race");
        var session = Session.Start(user.Id, "hash-0", null, Now, TimeSpan.FromDays(30));
        await using (var db = _newContext())
        {
            var store = new EfAccountStore(db);
            store.AddUser(user);
            store.AddSession(session);
            await store.SaveChangesAsync(default);
        }

        await using var dbA = _newContext();
        await using var dbB = _newContext();
        var storeA = new EfAccountStore(dbA);
        var storeB = new EfAccountStore(dbB);
        var a = await storeA.FindSessionAsync(session.Id, default);
        var b = await storeB.FindSessionAsync(session.Id, default);
        a!.Rotate("hash-a", Now, TimeSpan.FromDays(30));
        b!.Rotate("hash-b", Now, TimeSpan.FromDays(30));

        await storeA.SaveChangesAsync(default);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => storeB.SaveChangesAsync(default));
    }

    [Fact]
    public async Task Concurrent_likes_and_unlikes_keep_the_counter_exact_and_one_like_per_user()
    {
        var owner = NewUser("owner");
        var fans = Enumerable.Range(0, 12).Select(i => NewUser("fan" + i)).ToList();
        var video = Domain.Videos.Video.Create(owner.Id, "Popular", null, Now);
        await using (var db = _newContext())
        {
            var accounts = new EfAccountStore(db);
            foreach (var user in fans.Prepend(owner))
            {
                accounts.AddUser(user);
            }

            await accounts.SaveChangesAsync(default);
            var videos = new EfVideoStore(db);
            videos.AddVideo(video);
            await videos.SaveChangesAsync(default);
        }

        async Task<bool> Like(User user, bool like)
        {
            await using var db = _newContext();
            var store = new EfLikeStore(db);
            return like
                ? await store.LikeVideoAsync(user.Id, video.Id, Now, default)
                : await store.UnlikeVideoAsync(user.Id, video.Id, default);
        }

        // Every fan likes three times at once; then half of them take it back twice at once.
        var liked = await Task.WhenAll(fans.SelectMany(f => Enumerable.Repeat(f, 3)).Select(f => Like(f, true)));
        var unliked = await Task.WhenAll(
            fans.Take(6).SelectMany(f => Enumerable.Repeat(f, 2)).Select(f => Like(f, false))
        );

        await using var check = _newContext();
        var count = await check.Videos.Where(v => v.Id == video.Id).Select(v => v.LikeCount).SingleAsync();
        Assert.Equal(12, liked.Count(x => x));
        Assert.Equal(6, unliked.Count(x => x));
        Assert.Equal(6, count);
        Assert.Equal(6, await check.VideoLikes.CountAsync(l => l.VideoId == video.Id));
    }

    [Fact]
    public async Task A_view_counts_once_per_window_and_pruned_records_no_longer_hold_one_back()
    {
        var owner = NewUser("viewowner");
        var video = Domain.Videos.Video.Create(owner.Id, "Watched", null, Now);
        await using (var db = _newContext())
        {
            var accounts = new EfAccountStore(db);
            accounts.AddUser(owner);
            await accounts.SaveChangesAsync(default);
            var videos = new EfVideoStore(db);
            videos.AddVideo(video);
            await videos.SaveChangesAsync(default);
        }

        async Task<bool> View(DateTimeOffset at)
        {
            await using var db = _newContext();
            return await new EfViewingStore(db).CountViewAsync(
                video.Id,
                "a:viewer",
                at,
                TimeSpan.FromHours(1),
                default
            );
        }

        var first = await View(Now);
        var within = await View(Now.AddMinutes(30));
        int pruned;
        await using (var db = _newContext())
        {
            pruned = await new EfViewingStore(db).PruneViewRecordsAsync(Now.AddMinutes(31), default);
        }

        var afterPrune = await View(Now.AddMinutes(40));
        var afterWindow = await View(Now.AddMinutes(101));

        await using var check = _newContext();
        Assert.Equal((true, false, 1, true, true), (first, within, pruned, afterPrune, afterWindow));
        Assert.Equal(3, await check.Videos.Where(v => v.Id == video.Id).Select(v => v.ViewCount).SingleAsync());
    }

    private static User NewUser(string name)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        Assert.True(EmailAddress.TryParse($"{name}.{suffix}@example.com", out var email));
        Assert.True(Handle.TryParse($"{name}_{suffix}", out var handle));
        return User.Register(email, handle, name, "hash", Now);
    }
}

public sealed partial class PostgresPersistenceTests : PersistenceTests
{
    private PostgresTestDatabase? _database;

    protected override async Task<Func<AppDbContext>> CreateDatabaseAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        var options = new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql(_database.ConnectionString).Options;
        return () => new PostgresDbContext(options);
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

public sealed class SqlitePersistenceTests : PersistenceTests
{
    private readonly TempDirectory _directory = new();

    private DbContextOptions<SqliteDbContext> Options =>
        new DbContextOptionsBuilder<SqliteDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_directory.Path, "test.db")};Foreign Keys=True")
            .AddInterceptors(new SqliteConnectionSetup())
            .Options;

    protected override Task<Func<AppDbContext>> CreateDatabaseAsync()
    {
        var options = Options;
        return Task.FromResult<Func<AppDbContext>>(() => new SqliteDbContext(options));
    }

    [Fact]
    public async Task Every_connection_waits_out_another_writer_in_sqlites_busy_handler()
    {
        // Twice: the second open takes the pooled connection again.
        for (var i = 0; i < 2; i++)
        {
            await using var db = new SqliteDbContext(Options);
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA busy_timeout;";
            Assert.Equal(30000L, await command.ExecuteScalarAsync());
        }
    }

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
