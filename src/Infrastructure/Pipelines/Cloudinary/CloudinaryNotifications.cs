using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Infrastructure.Pipelines.Cloudinary;

/// <summary>Cloudinary's webhook: verifies <c>X-Cld-Signature</c> (digest of body, <c>X-Cld-Timestamp</c> and the
/// API secret) and the timestamp's age, then applies an eager notification to the video idempotently through
/// <see cref="MarkVideoReady"/> and <see cref="MarkVideoFailed"/> (which publishes on the event bus).</summary>
public sealed class CloudinaryNotifications(
    IVideoStore videos,
    MarkVideoReady ready,
    MarkVideoFailed failed,
    IClock clock,
    IOptions<CloudinaryOptions> options,
    ILogger<CloudinaryNotifications> logger
) : IPipelineNotifications
{
    public const string TimestampHeader = "X-Cld-Timestamp";
    public const string SignatureHeader = "X-Cld-Signature";

    public async Task<NotificationOutcome> HandleAsync(string body, Func<string, string?> header, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(header);
        var timestamp = header(TimestampHeader);
        var signature = header(SignatureHeader);
        var settings = options.Value;
        if (
            !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (clock.UtcNow - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > settings.NotificationTolerance
        )
        {
            return NotificationOutcome.Stale;
        }

        var expected = Encoding.ASCII.GetBytes(
            CloudinarySignature.SignNotification(body, seconds, settings.ApiSecret!, settings.SignatureAlgorithm)
        );
        if (
            !CryptographicOperations.FixedTimeEquals(
                expected,
                Encoding.ASCII.GetBytes((signature ?? "").Trim().ToLowerInvariant())
            )
        )
        {
            return NotificationOutcome.Forged;
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return NotificationOutcome.Malformed;
        }

        if (
            root.ValueKind != JsonValueKind.Object
            || Text(root, "notification_type") != "eager"
            || settings.VideoOf(Text(root, "public_id")) is not { } videoId
            || !root.TryGetProperty("eager", out var eager)
            || eager.ValueKind != JsonValueKind.Array
        )
        {
            return NotificationOutcome.Ignored;
        }

        var entry = eager
            .EnumerateArray()
            .FirstOrDefault(e => e.ValueKind == JsonValueKind.Object && Text(e, "transformation") == settings.Eager);
        if (entry.ValueKind != JsonValueKind.Object || await videos.FindVideoAsync(videoId, ct) is not { } video)
        {
            return NotificationOutcome.Ignored;
        }

        var failure =
            Text(entry, "status") == "failed" || entry.TryGetProperty("error", out _)
                ? Text(entry, "reason")
                    ?? (
                        entry.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                            ? Text(error, "message")
                            : null
                    )
                    ?? "Cloudinary could not transcode the video."
                : null;
        if (failure is not null)
        {
            logger.LogWarning("Cloudinary failed video {VideoId}: {Reason}", videoId, failure);
            await failed.Handle(new TranscodeFailure(videoId, "Cloudinary: " + failure), ct);
            return NotificationOutcome.Applied;
        }

        await ready.Handle(Transcoded(video, settings, Number(entry, "width"), Number(entry, "height")), ct);
        return NotificationOutcome.Applied;
    }

    /// <summary>What a finished eager transformation makes of the video: the streaming profile chooses the ladder
    /// inside the playlist, so we know it as one adaptive rendition.</summary>
    internal static TranscodedVideo Transcoded(Video video, CloudinaryOptions settings, int? width, int? height)
    {
        var w = width ?? video.Width ?? 0;
        var h = height ?? video.Height ?? 0;
        var rendition = new Rendition(settings.StreamingProfile, w, h, 0, 0, "");
        return new TranscodedVideo(
            video.Id,
            [rendition],
            video.DurationSeconds ?? 0,
            video.Width ?? w,
            video.Height ?? h
        );
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    internal static int? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Number
        && value.TryGetInt32(out var n)
            ? n
            : null;
}
