using Microsoft.Net.Http.Headers;
using StreamEngine.Application.Abstractions;
using StreamEngine.Infrastructure.Delivery;
using StreamEngine.Infrastructure.Storage;

namespace StreamEngine.Web.Endpoints;

/// <summary><c>/media/{video}/{token}/…</c>: playlists, segments and the poster of the local delivery adapter, with
/// byte ranges, immutable caching of segments and CORS. No or bad token: 403.</summary>
public static class MediaEndpoints
{
    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints
            .MapMethods("/media/{videoId:guid}/{token}/{**path}", [HttpMethods.Get, HttpMethods.Head], Serve)
            .RequireRateLimit(options => options.MediaDelivery);
        endpoints
            .MapMethods("/channels/{userId:guid}/{file}", [HttpMethods.Get, HttpMethods.Head], ServeChannelImage)
            .RequireRateLimit(options => options.MediaDelivery);
        return endpoints;
    }

    /// <summary>Channel avatars and banners: public, and immutable (a new image has a new name).</summary>
    private static IResult ServeChannelImage(Guid userId, string file, HttpContext context, IChannelImageFiles images)
    {
        if (images.Resolve(userId, file) is not { } physical)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return Results.File(physical, "image/jpeg", enableRangeProcessing: false);
    }

    private static async Task<IResult> Serve(
        Guid videoId,
        string token,
        string? path,
        HttpContext context,
        IMediaFiles media,
        PublicPlaybackGate gate
    )
    {
        var (result, physical, audience) = media.Resolve(videoId, token, path ?? string.Empty);
        if (result == MediaLookup.BadSignature)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "FORBIDDEN",
                detail: "The media URL is not signed or has expired."
            );
        }

        // A URL handed to the public works only while the public may still watch the video.
        if (audience == PlaybackAudience.Public && !await gate.IsWatchableAsync(videoId, context.RequestAborted))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "FORBIDDEN",
                detail: "This video is no longer available to you."
            );
        }

        if (result == MediaLookup.NotFound || physical is null)
        {
            return Results.NotFound();
        }

        // A playlist may still grow (a video watched while it encodes): revalidated on every reload (a 304 when
        // unchanged), where segments never change.
        var name = Path.GetFileName(physical);
        context.Response.Headers.CacheControl = name.EndsWith(".m3u8", StringComparison.Ordinal)
            ? "private, no-cache"
            : "public, max-age=31536000, immutable";
        if (path?.StartsWith("download/", StringComparison.Ordinal) == true)
        {
            // A download saves as a file rather than playing in the tab.
            context.Response.Headers.ContentDisposition = "attachment; filename=\"video.mp4\"";
        }

        var file = new FileInfo(physical);
        return Results.File(
            physical,
            ContentTypes.For(name),
            lastModified: file.LastWriteTimeUtc,
            entityTag: new EntityTagHeaderValue($"\"{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}\""),
            enableRangeProcessing: true
        );
    }
}
