using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Live;
using StreamEngine.Infrastructure.Delivery;
using StreamEngine.Infrastructure.Live;

namespace StreamEngine.Web.Endpoints;

/// <summary>Live streaming over HTTP: the ingest's <c>on_publish</c> callback (loopback only, behind a secret path
/// made at start-up), and signed live playlists and segments at <c>/live/{stream}/{token}/…</c>.</summary>
public static class LiveEndpoints
{
    /// <summary>The secret part of the callback path nginx is given; new at every start.</summary>
    private static readonly string HookSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public static IEndpointRouteBuilder MapLiveEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/live/ingest/{secret}/publish", AuthorizeAsync).DisableAntiforgery();
        endpoints
            .MapMethods("/live/{streamId:guid}/{token}/{**path}", [HttpMethods.Get, HttpMethods.Head], Serve)
            .RequireRateLimit(options => options.MediaDelivery);
        return endpoints;
    }

    /// <summary>Starts the RTMP ingest once the server listens (its callback needs our address), when live streaming
    /// is on.</summary>
    public static void StartLiveIngest(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Services.GetRequiredService<IOptions<LiveOptions>>().Value.Enabled)
        {
            return;
        }

        var lifetime = app.Lifetime;
        lifetime.ApplicationStarted.Register(() =>
        {
            var address = app
                .Services.GetRequiredService<IServer>()
                .Features.Get<IServerAddressesFeature>()
                ?.Addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal));
            var logger = app.Services.GetRequiredService<ILogger<NginxRtmpServer>>();
            if (address is null || !Uri.TryCreate(Loopback(address), UriKind.Absolute, out var own))
            {
                logger.LogError(
                    "Live streaming needs the server on plain HTTP (for the ingest's callback); not started"
                );
                return;
            }

            app.Services.GetRequiredService<NginxRtmpServer>().Start(new Uri(own, $"/live/ingest/{HookSecret}/"));
        });
        lifetime.ApplicationStopping.Register(() =>
            app.Services.GetRequiredService<NginxRtmpServer>().StopAsync().GetAwaiter().GetResult()
        );
    }

    private static string Loopback(string address) =>
        address
            .Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal)
            .Replace("//+:", "//127.0.0.1:", StringComparison.Ordinal)
            .Replace("//*:", "//127.0.0.1:", StringComparison.Ordinal)
            .Replace("localhost", "127.0.0.1", StringComparison.Ordinal);

    private static async Task<IResult> AuthorizeAsync(
        string secret,
        HttpContext context,
        AuthorizeLivePublish authorize,
        LiveBroadcasts broadcasts,
        ILogger<LiveBroadcasts> logger
    )
    {
        if (
            context.Connection.RemoteIpAddress is not { } remote
            || !IPAddress.IsLoopback(remote)
            || !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(secret),
                Encoding.ASCII.GetBytes(HookSecret)
            )
            || !context.Request.HasFormContentType
        )
        {
            return Results.NotFound();
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var result = await authorize.Handle(form["name"].ToString(), context.RequestAborted);
        if (!result.Succeeded)
        {
            // nginx refuses the publish on any answer but 2xx/3xx, before it reads a byte of media.
            logger.LogInformation(
                "Refused a broadcaster from {Address}: {Code}",
                form["addr"].ToString(),
                result.Errors[0].Code
            );
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        broadcasts.Begin(result.Value.Id);

        // A redirect renames the stream from its key to its id: recordings, the ladder and drops use the id.
        context.Response.Headers.Location = result.Value.Id.ToString("N");
        return Results.StatusCode(StatusCodes.Status302Found);
    }

    private static IResult Serve(
        Guid streamId,
        string token,
        string? path,
        HttpContext context,
        LocalLivePlayback playback,
        LiveViewers viewers
    )
    {
        var file = playback.Resolve(streamId, token, path ?? string.Empty);
        if (file.Result == MediaLookup.BadSignature)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "FORBIDDEN",
                detail: "The live URL is not signed or has expired."
            );
        }

        if (file.PhysicalPath is not { } physical)
        {
            return Results.NotFound();
        }

        var name = Path.GetFileName(physical);
        var playlist = name.EndsWith(".m3u8", StringComparison.Ordinal);
        if (playlist && name != "master.m3u8")
        {
            viewers.Seen(streamId, $"{context.Connection.RemoteIpAddress}|{token}");
        }

        context.Response.Headers.CacheControl = playlist ? "no-cache, no-store" : "public, max-age=31536000, immutable";
        return Results.File(physical, ContentTypes.For(name), enableRangeProcessing: !playlist);
    }
}
