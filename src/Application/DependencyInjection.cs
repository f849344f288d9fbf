using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StreamEngine.Application.Engagement;
using StreamEngine.Application.Users;
using StreamEngine.Application.Videos;

namespace StreamEngine.Application;

public static class DependencyInjection
{
    /// <summary>Registers the use cases (every class with a public <c>Handle</c>) and the collaborators they share;
    /// each is scoped to one request (or one WebSocket operation).</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountOptions>().Bind(configuration.GetSection(AccountOptions.Section)).ValidateOnStart();
        services.AddOptions<VideoOptions>().Bind(configuration.GetSection(VideoOptions.Section)).ValidateOnStart();
        services
            .AddOptions<Live.LiveOptions>()
            .Bind(configuration.GetSection(Live.LiveOptions.Section))
            .Validate(
                o => o.IsValid,
                $"{Live.LiveOptions.Section}: the limits must be at least 1 (MaxBitrateKbps at least 100), "
                    + "ReconnectWindow must not be negative and MaxDuration must be positive."
            )
            .ValidateOnStart();
        services
            .AddOptions<EngagementOptions>()
            .Bind(configuration.GetSection(EngagementOptions.Section))
            .Validate(
                o => o.ViewWindow >= TimeSpan.Zero && o.WatchHistoryLimit is >= 1 and <= 100_000,
                $"{EngagementOptions.Section}: ViewWindow must not be negative and WatchHistoryLimit must be between "
                    + "1 and 100000."
            )
            .ValidateOnStart();

        services.AddSingleton<PasswordPolicy>();
        foreach (var collaborator in Collaborators)
        {
            services.AddScoped(collaborator);
        }

        foreach (var useCase in UseCases())
        {
            services.AddScoped(useCase);
        }

        return services;
    }

    /// <summary>Pieces several use cases share: the signed-in and ownership guards, sessions, attempts, mail.</summary>
    private static readonly Type[] Collaborators =
    [
        typeof(RequireUser),
        typeof(SessionIssuer),
        typeof(AccountMailer),
        typeof(OneTimeCodeRedeemer),
        typeof(PasswordAttempts),
        typeof(VisibleComment),
        typeof(Playlists.OwnedPlaylist),
        typeof(Channels.ChannelImageReplacement),
        typeof(Webhooks.OwnedWebhook),
        typeof(Live.OwnedLiveStream),
        typeof(Live.LiveStreamEnding),
        typeof(SourceAcceptance),
        typeof(UploadCompletion),
        typeof(ThumbnailReplacement),
    ];

    /// <summary>Every use case in this assembly: a concrete public class with a public instance
    /// <c>Handle</c>.</summary>
    public static IEnumerable<Type> UseCases() =>
        typeof(DependencyInjection)
            .Assembly.GetExportedTypes()
            .Where(t =>
                t is { IsClass: true, IsAbstract: false }
                && t.GetMethod("Handle", BindingFlags.Public | BindingFlags.Instance) is not null
            );
}
