using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;

namespace StreamEngine.Web.Tests.Engagement;

/// <summary>One server for the engagement tests, on a fresh PostgreSQL database (the production provider) or on the
/// embedded default (SQLite); each test makes its own users, so tests do not see each other's data.</summary>
public abstract class EngagementFixture : IAsyncLifetime
{
    public const int HistoryLimit = 5;

    public StreamEngineApp App { get; private set; } = null!;

    public abstract bool IsPostgres { get; }

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["StreamEngine:Engagement:ViewWindow"] = "00:05:00",
            ["StreamEngine:Engagement:WatchHistoryLimit"] = HistoryLimit.ToString(
                System.Globalization.CultureInfo.InvariantCulture
            ),
        };
        foreach (var (key, value) in await DatabaseSettingsAsync())
        {
            settings[key] = value;
        }

        App = StreamEngineApp.With(settings, Kestrel);
        _ = App.Services;
    }

    public virtual async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>Whether the app listens on a loopback port (for clients outside the process).</summary>
    protected virtual bool Kestrel => false;

    protected abstract Task<IDictionary<string, string?>> DatabaseSettingsAsync();

    public Task<Person> PersonAsync(string name) => Person.SignUpAsync(App, name);

    public GraphQLClient Anonymous() => App.CreateGraphQLClient();
}

public sealed class PostgresEngagementFixture : EngagementFixture
{
    private PostgresTestDatabase _database = null!;

    public override bool IsPostgres => true;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    protected override async Task<IDictionary<string, string?>> DatabaseSettingsAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        return _database.ServerSettings();
    }
}

/// <summary>The SQLite fixture on a real loopback port, for node clients.</summary>
public sealed class KestrelEngagementFixture : EngagementFixture
{
    public override bool IsPostgres => false;

    protected override bool Kestrel => true;

    protected override Task<IDictionary<string, string?>> DatabaseSettingsAsync() =>
        Task.FromResult<IDictionary<string, string?>>(new Dictionary<string, string?>());
}

public sealed class SqliteEngagementFixture : EngagementFixture
{
    public override bool IsPostgres => false;

    protected override Task<IDictionary<string, string?>> DatabaseSettingsAsync() =>
        Task.FromResult<IDictionary<string, string?>>(new Dictionary<string, string?>());
}

/// <summary>A signed-in user with their own client.</summary>
public sealed class Person
{
    private Person(GraphQLClient client, string id, string channelId, string handle)
    {
        Client = client;
        Id = id;
        ChannelId = channelId;
        Handle = handle;
    }

    public GraphQLClient Client { get; }

    /// <summary>The User's global id.</summary>
    public string Id { get; }

    /// <summary>The Channel's global id.</summary>
    public string ChannelId { get; }

    public Guid UserId => TestIds.Key(Id);

    public string Handle { get; }

    public static async Task<Person> SignUpAsync(StreamEngineApp app, string name)
    {
        var client = app.CreateGraphQLClient();
        var email = AccountClient.UniqueEmail(name);
        var handle = AccountClient.UniqueHandle(name);
        var signedIn = (await client.RegisterAsync(email, handle)).Session("register", email);
        client.AccessToken = signedIn.AccessToken;
        var me = (await client.SendAsync("{ viewer { user { id handle } channel { id } } }")).Ok()["viewer"]!;
        return new Person(
            client,
            me["user"]!["id"]!.GetValue<string>(),
            me["channel"]!["id"]!.GetValue<string>(),
            me["user"]!["handle"]!.GetValue<string>()
        );
    }

    public Task<GraphQLResponse> SendAsync(string query, object? variables = null) =>
        Client.SendAsync(query, variables);

    /// <summary>Runs a mutation and returns its payload, failing on any payload error.</summary>
    public async Task<JsonNode> MutateAsync(string field, string query, object? variables = null)
    {
        var payload = (await Client.SendAsync(query, variables)).Ok()[field]!;
        Assert.True(payload["errors"]!.AsArray().Count == 0, payload.ToJsonString());
        return payload;
    }
}

/// <summary>Videos put straight into the store in a given state: the engagement tests need READY videos, not the
/// transcoder (the upload path has its own end-to-end tests).</summary>
public static class Seed
{
    public static async Task<string> VideoAsync(
        StreamEngineApp app,
        Person owner,
        string title,
        string? description = null,
        VideoStatus status = VideoStatus.Ready,
        Visibility visibility = Visibility.Public,
        DateTimeOffset? createdAt = null
    )
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(owner);
        await using var scope = app.Services.CreateAsyncScope();
        var videos = scope.ServiceProvider.GetRequiredService<IVideoStore>();
        var now = createdAt ?? DateTimeOffset.UtcNow;
        var video = Video.Create(owner.UserId, title, description, now);
        video.Edit(null, null, visibility, now);
        if (status != VideoStatus.AwaitingUpload)
        {
            video.MarkUploaded(1000, 10, 1280, 720, now);
        }

        if (status == VideoStatus.Ready)
        {
            video.MarkReady(
                [new Rendition("720p", 1280, 720, 3_000_000, 2_800_000, "avc1.64001f,mp4a.40.2")],
                10,
                1280,
                720,
                now
            );
        }
        else if (status == VideoStatus.Failed)
        {
            video.MarkFailed("Refused in a test.", now);
        }

        videos.AddVideo(video);
        await videos.SaveChangesAsync(CancellationToken.None);
        return TestIds.Of("Video", video.Id);
    }
}
