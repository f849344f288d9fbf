using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Channels;
using StreamEngine.Application.Engagement;
using StreamEngine.Application.Playlists;
using StreamEngine.Application.RateLimiting;
using StreamEngine.Application.Users;
using StreamEngine.Application.Videos;

namespace StreamEngine.Application;

public static class DependencyInjection
{
    /// <summary>Registers the use cases; each is scoped to one request (or one WebSocket operation).</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountOptions>().Bind(configuration.GetSection(AccountOptions.Section)).ValidateOnStart();
        services.AddScoped<CurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUser>());
        services.AddSingleton<PasswordPolicy>();
        services.AddScoped<SessionIssuer>();
        services.AddScoped<AccountMailer>();
        services.AddScoped<OneTimeCodeRedeemer>();
        services.AddScoped<PasswordAttempts>();
        services.AddScoped<AuthenticateAccessToken>();
        services.AddScoped<RegisterUser>();
        services.AddScoped<LoginWithPassword>();
        services.AddScoped<RefreshSession>();
        services.AddScoped<Logout>();
        services.AddScoped<RequestEmailVerification>();
        services.AddScoped<VerifyEmail>();
        services.AddScoped<ChangePassword>();
        services.AddScoped<RequestPasswordReset>();
        services.AddScoped<SendPasswordResetMail>();
        services.AddScoped<ResetPassword>();
        services.AddScoped<SignInWithGoogle>();
        services.AddScoped<UpdateProfile>();
        services.AddScoped<GetUsers>();

        services.AddOptions<RateLimitingOptions>().Bind(configuration.GetSection(RateLimitingOptions.Section)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<RateLimitingOptions>, RateLimitingOptionsValidator>();

        services.AddOptions<VideoOptions>().Bind(configuration.GetSection(VideoOptions.Section)).ValidateOnStart();
        services.AddScoped<CreateVideoUpload>();
        services.AddScoped<GetUploadSession>();
        services.AddScoped<CompleteVideoUpload>();
        services.AddScoped<AbortVideoUpload>();
        services.AddScoped<ExpireUploads>();
        services.AddScoped<GetVideos>();
        services.AddScoped<UpdateVideo>();
        services.AddScoped<DeleteVideo>();
        services.AddScoped<TranscodeOutcomes>();
        services.AddScoped<WatchVideoEvents>();
        services.AddScoped<ApplyPipelineStatus>();

        services.AddOptions<EngagementOptions>().Bind(configuration.GetSection(EngagementOptions.Section))
            .Validate(o => o.ViewWindow >= TimeSpan.Zero && o.WatchHistoryLimit is >= 1 and <= 100_000,
                $"{EngagementOptions.Section}: ViewWindow must not be negative and WatchHistoryLimit must be between 1 and 100000.")
            .ValidateOnStart();
        services.AddScoped<ChannelDirectory>();
        services.AddScoped<Likes>();
        services.AddScoped<Comments>();
        services.AddScoped<PlaylistLibrary>();
        services.AddScoped<Viewings>();
        services.AddScoped<SetChannelImage>();
        services.AddScoped<DeleteAccount>();
        return services;
    }
}
