using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Live;

namespace StreamEngine.Infrastructure.Live;

public static class LiveRegistration
{
    /// <summary>The ingest (nginx RTMP, started by the host once it knows its own address), the ladders, recordings,
    /// live playback and the sweeper; the sweeper runs only when live streaming is on.</summary>
    public static IServiceCollection AddLiveIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services
            .AddOptions<LiveIngestOptions>()
            .Bind(configuration.GetSection(LiveIngestOptions.Section))
            .Validate(
                o =>
                    o.RtmpPort is >= 0 and <= 65535
                    && o.SegmentSeconds is >= 1 and <= 10
                    && o.DvrWindow > TimeSpan.Zero,
                $"{LiveIngestOptions.Section}: RtmpPort is 0-65535, SegmentSeconds 1-10, DvrWindow positive."
            )
            .ValidateOnStart();
        services.AddHttpClient(nameof(LiveBroadcasts));
        services.AddSingleton<LiveFolders>();
        services.AddSingleton<LiveViewers>();
        services.AddSingleton<NginxRtmpServer>();
        services.AddSingleton<LiveBroadcasts>();
        services.AddSingleton<ILiveIngest>(sp => sp.GetRequiredService<LiveBroadcasts>());
        services.AddSingleton<LocalLivePlayback>();
        services.AddSingleton<ILivePlaybackSigner>(sp => sp.GetRequiredService<LocalLivePlayback>());
        services.AddSingleton<ILiveRecordings, LiveRecordingFiles>();
        if (configuration.GetSection(LiveOptions.Section).GetValue<bool>(nameof(LiveOptions.Enabled)))
        {
            services.AddHostedService<LiveStreamSweeper>();
            services.AddSingleton<SrtListeners>();
            services.AddSingleton<ISrtPorts>(sp => sp.GetRequiredService<SrtListeners>());
            services.AddHostedService(sp => sp.GetRequiredService<SrtListeners>());
        }
        else
        {
            services.AddSingleton<ISrtPorts, NoSrtPorts>();
        }

        return services;
    }
}

internal sealed class NoSrtPorts : ISrtPorts
{
    public int? PortOf(Guid streamId) => null;
}
