using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StreamEngine.Application;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Users;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Fakes;

/// <summary>The real use cases, wired by the real <see cref="DependencyInjection.AddApplication"/>, on one fake per
/// port. Building it checks that every use case can be made from the fakes alone.</summary>
public sealed class UseCaseWorld : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;
    private readonly List<IServiceScope> _scopes = [];

    public UseCaseWorld(IReadOnlyDictionary<string, string?>? settings = null)
    {
        Tokens = new FakeTokens(Clock);
        VideoQueries = new InMemoryVideoQueries(Videos, Likes, Subscriptions);
        ChannelQueries = new InMemoryChannelQueries(Users, Subscriptions);
        CommentQueries = new InMemoryCommentQueries(Comments, Likes);
        PlaylistQueries = new InMemoryPlaylistQueries(Playlists, Videos);
        HistoryQueries = new InMemoryWatchHistoryQueries(Viewings, Videos);
        Erasure = new RecordingErasure(Users);
        LiveStreams.Subscriptions = Subscriptions;

        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IClock>(Clock).AddSingleton<ICurrentUser>(Caller);
        services
            .AddSingleton<IUserStore>(Users)
            .AddSingleton<ISessionStore>(Sessions)
            .AddSingleton<IOneTimeCodeStore>(Codes)
            .AddSingleton<IAccountErasure>(Erasure);
        services.AddSingleton<IVideoStore>(Videos).AddSingleton<IUploadSessionStore>(Uploads);
        services
            .AddSingleton<ISubscriptionStore>(Subscriptions)
            .AddSingleton<ILikeStore>(Likes)
            .AddSingleton<ICommentStore>(Comments)
            .AddSingleton<IPlaylistStore>(Playlists)
            .AddSingleton<IViewingStore>(Viewings);
        services
            .AddSingleton<IVideoQueries>(VideoQueries)
            .AddSingleton<IChannelQueries>(ChannelQueries)
            .AddSingleton<ICommentQueries>(CommentQueries)
            .AddSingleton<IPlaylistQueries>(PlaylistQueries)
            .AddSingleton<IWatchHistoryQueries>(HistoryQueries);
        services
            .AddSingleton<IObjectStorage>(Storage)
            .AddSingleton<IResumableUploadStorage>(ResumableUploads)
            .AddSingleton<IMediaInspector>(Inspector)
            .AddSingleton<ITranscodePipeline>(Pipeline)
            .AddSingleton<IPlaybackUrlSigner>(Signer)
            .AddSingleton<IEventBus>(Bus)
            .AddSingleton<IPipelineOutputs>(Outputs)
            .AddSingleton<IChannelImages>(Images)
            .AddSingleton<IVideoMediaEditor>(Media)
            .AddSingleton<IDownloadWork>(Downloads);
        services
            .AddSingleton<IPasswordHasher>(Hasher)
            .AddSingleton<ITokenIssuer>(Tokens)
            .AddSingleton<IGoogleIdTokenVerifier>(Google)
            .AddSingleton<IEmailSender>(Email)
            .AddSingleton<IPasswordResetRequests>(ResetRequests)
            .AddSingleton<IAttemptLimiter>(Limiter)
            .AddSingleton<ISessionEvents>(SessionEvents)
            .AddSingleton<ISessionCache>(SessionCache)
            .AddSingleton<ILinkBuilder>(Links);
        services
            .AddSingleton<IWebhookStore>(Webhooks)
            .AddSingleton<IWebhookTargetPolicy>(TargetPolicy)
            .AddSingleton<IVideoImportStore>(Imports);
        services
            .AddSingleton<ILiveStreamStore>(LiveStreams)
            .AddSingleton<ILiveStreamQueries>(LiveStreams)
            .AddSingleton<ILiveIngest>(LiveIngest)
            .AddSingleton<ILiveStreamEvents>(LiveEvents)
            .AddSingleton<ILiveRecordings>(LiveRecordings)
            .AddSingleton<ILivePlaybackSigner>(new FakeLivePlayback());
        services.AddApplication(
            new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build()
        );
        _services = services.BuildServiceProvider(
            new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }
        );
    }

    public FakeClock Clock { get; } = new(Start);

    public FakeCaller Caller { get; } = new();

    public InMemoryUsers Users { get; } = new();

    public InMemorySessions Sessions { get; } = new();

    public InMemoryCodes Codes { get; } = new();

    public RecordingErasure Erasure { get; }

    public InMemoryVideos Videos { get; } = new();

    public InMemoryWebhooks Webhooks { get; } = new();

    public InMemoryVideoImports Imports { get; } = new();

    public InMemoryLiveStreams LiveStreams { get; } = new();

    public FakeLiveIngest LiveIngest { get; } = new();

    public RecordingLiveEvents LiveEvents { get; } = new();

    public FakeLiveRecordings LiveRecordings { get; } = new();

    public FakeTargetPolicy TargetPolicy { get; } = new();

    public InMemoryUploads Uploads { get; } = new();

    public InMemoryResumableUploads ResumableUploads { get; } = new();

    public InMemorySubscriptions Subscriptions { get; } = new();

    public InMemoryLikes Likes { get; } = new();

    public InMemoryComments Comments { get; } = new();

    public InMemoryPlaylists Playlists { get; } = new();

    public InMemoryViewings Viewings { get; } = new();

    public InMemoryVideoQueries VideoQueries { get; }

    public InMemoryChannelQueries ChannelQueries { get; }

    public InMemoryCommentQueries CommentQueries { get; }

    public InMemoryPlaylistQueries PlaylistQueries { get; }

    public InMemoryWatchHistoryQueries HistoryQueries { get; }

    public RecordingStorage Storage { get; } = new();

    public FakeInspector Inspector { get; } = new();

    public RecordingPipeline Pipeline { get; } = new();

    public FakeSigner Signer { get; } = new();

    public RecordingEventBus Bus { get; } = new();

    public FakePipelineOutputs Outputs { get; } = new();

    public FakeVideoMedia Media { get; } = new();

    public FakeDownloadWork Downloads { get; } = new();

    public FakeChannelImages Images { get; } = new();

    public CountingHasher Hasher { get; } = new();

    public FakeTokens Tokens { get; }

    public FakeGoogle Google { get; } = new();

    public RecordingEmail Email { get; } = new();

    public RecordingResetRequests ResetRequests { get; } = new();

    public FakeAttemptLimiter Limiter { get; } = new();

    public RecordingSessionEvents SessionEvents { get; } = new();

    public FakeSessionCache SessionCache { get; } = new();

    public FakeLinks Links { get; } = new();

    /// <summary>A use case (or collaborator) as a request would get it: from a fresh scope.</summary>
    public T Get<T>()
        where T : notnull
    {
        var scope = _services.CreateScope();
        _scopes.Add(scope);
        return scope.ServiceProvider.GetRequiredService<T>();
    }

    /// <summary>A registered account with the password "violet-harbour-29".</summary>
    public User AddUser(string handle = "ann_films")
    {
        if (!EmailAddress.TryParse(handle + "@example.com", out var email) || !Handle.TryParse(handle, out var parsed))
        {
            throw new ArgumentException("Not a valid handle: " + handle, nameof(handle));
        }

        var user = User.Register(email, parsed, handle, Hasher.Hash(Password), Clock.UtcNow);
        Users.AddUser(user);
        return user;
    }

    public const string Password = "violet-harbour-29";

    /// <summary>Adds a user and makes them the caller.</summary>
    public User SignIn(string handle = "ann_films")
    {
        var user = AddUser(handle);
        Caller.SignIn(user.Id);
        return user;
    }

    /// <summary>A video of <paramref name="ownerId"/> in the given state.</summary>
    public Video AddVideo(
        Guid ownerId,
        VideoStatus status = VideoStatus.Ready,
        Visibility visibility = Visibility.Public
    )
    {
        var now = Clock.UtcNow;
        var video = Video.Create(ownerId, "video " + Videos.All.Count, null, now);
        video.Edit(null, null, visibility, now);
        if (status != VideoStatus.AwaitingUpload)
        {
            video.MarkUploaded(1000, 10, 1280, 720, now);
        }

        if (status == VideoStatus.Ready)
        {
            video.MarkReady(Outputs.Renditions, 10, 1280, 720, now, Outputs.Storyboard);
        }
        else if (status == VideoStatus.Failed)
        {
            video.MarkFailed("broken", now);
        }

        Videos.AddVideo(video);
        return video;
    }

    public void Dispose()
    {
        _scopes.ForEach(s => s.Dispose());
        _services.Dispose();
    }
}
