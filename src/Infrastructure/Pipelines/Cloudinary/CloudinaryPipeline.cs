using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Infrastructure.Configuration;
using StreamEngine.Infrastructure.Storage;
using StreamEngine.Transcoder;

namespace StreamEngine.Infrastructure.Pipelines.Cloudinary;

/// <summary>Transcoding by Cloudinary (<c>StreamEngine:Pipeline:Provider = Cloudinary</c>). Completing an upload
/// queues a job, as the local pipeline does, so the hand-over survives restarts and is retried with back-off; the
/// job sends the source to Cloudinary with an asynchronous eager HLS transformation whose outcome comes back to
/// <c>POST /pipeline/cloudinary</c>. Deleting a video destroys its asset.</summary>
internal sealed class CloudinaryPipeline(
    LocalTranscodePipeline queue,
    CloudinaryClient client,
    IOptions<CloudinaryOptions> options,
    ILogger<CloudinaryPipeline> logger
) : ITranscodePipeline
{
    public Task StartAsync(Guid videoId, CancellationToken ct) => queue.StartAsync(videoId, ct);

    public Task CancelAsync(Guid videoId, CancellationToken ct) => queue.CancelAsync(videoId, ct);

    public async Task DeleteOutputsAsync(Guid videoId, CancellationToken ct)
    {
        try
        {
            await client.DestroyVideoAsync(options.Value.PublicId(videoId), ct);
        }
        catch (CloudinaryException ex)
        {
            // The video is gone from here either way; the orphan is logged for an operator.
            logger.LogError(ex, "The Cloudinary asset of deleted video {VideoId} could not be destroyed", videoId);
        }
    }
}

/// <summary>The Cloudinary pipeline's job: upload the source in signed chunks with the eager streaming-profile
/// transformation, asynchronous, notifying our webhook. The video stays PROCESSING until the notification.</summary>
internal sealed class CloudinaryUploadRunner(
    IServiceScopeFactory scopes,
    LocalDiskStorage storage,
    CloudinaryClient client,
    IPublicUrls urls,
    IOptions<CloudinaryOptions> options,
    ILogger<CloudinaryUploadRunner> logger
) : ITranscodeJobRunner
{
    public async Task<JobRunOutcome> RunAsync(JobTicket job, CancellationToken ct)
    {
        var videoId = job.VideoId;
        var path = storage.RequireSource(videoId);

        var settings = options.Value;
        var parameters = new Dictionary<string, string>
        {
            ["eager"] = settings.Eager,
            ["eager_async"] = "true",
            ["type"] = settings.DeliveryType,
            ["notification_url"] = new Uri(urls.BaseUrl, CloudinaryOptions.NotificationPath).ToString(),
        };
        await using (var progress = new JobProgress(scopes, videoId, logger))
        await using (
            var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true)
        )
        {
            try
            {
                await client.UploadVideoAsync(
                    source,
                    source.Length,
                    settings.PublicId(videoId),
                    parameters,
                    new UploadProgress(progress),
                    ct
                );
            }
            catch (CloudinaryException ex)
            {
                throw new TranscodeFailedException("Cloudinary refused the video: " + ex.Message, ex.Transient);
            }

            progress.Report(new TranscodeProgress("ENCODING", 0));
        }

        await using var scope = scopes.CreateAsyncScope();
        if (
            await scope
                .ServiceProvider.GetRequiredService<IVideoStore>()
                .FindVideoAsync(videoId, CancellationToken.None)
            is null
        )
        {
            // Deleted while we uploaded: do not leave the asset behind.
            await client.DestroyVideoAsync(settings.PublicId(videoId), CancellationToken.None);
        }

        logger.LogInformation("Video {VideoId} is with Cloudinary; waiting for its notification", videoId);

        return JobRunOutcome.Done;
    }
}

/// <summary>Upload progress as the UPLOADING stage, reported synchronously (so it keeps its order).</summary>
internal sealed class UploadProgress(IProgress<TranscodeProgress> job) : IProgress<double>
{
    public void Report(double value) => job.Report(new TranscodeProgress("UPLOADING", value));
}

/// <summary>Playback from Cloudinary: <c>{delivery}/{cloud}/video/{type}/[s--sig--/]sp_{profile}/{public_id}.m3u8</c>
/// and a poster from the first frame. Assets are <c>authenticated</c> by default, so every URL is signed; with <see
/// cref="CloudinaryOptions.AuthTokenKey"/> a URL also carries an expiring token limited to this video (Cloudinary's
/// token-based authentication), else Cloudinary's signatures guard the path but not time.</summary>
internal sealed class CloudinaryPlayback(
    IOptions<CloudinaryOptions> options,
    IOptions<Delivery.DeliveryOptions> delivery
) : IPlaybackUrlSigner
{
    public SignedPlayback Sign(Guid videoId, DateTimeOffset now, PlaybackAudience audience)
    {
        var settings = options.Value;
        var publicId = settings.PublicId(videoId);
        var expires = DateTimeOffset.FromUnixTimeSeconds(
            (now + delivery.Value.PlaybackUrlLifetime).ToUnixTimeSeconds()
        );
        var token = string.IsNullOrEmpty(settings.AuthTokenKey)
            ? null
            : CloudinarySignature.AuthToken(
                settings.AuthTokenKey,
                expires.ToUnixTimeSeconds(),
                $"/video/{settings.DeliveryType}/*{videoId:N}*"
            );
        return new SignedPlayback(
            Url(settings, $"sp_{settings.StreamingProfile}/{publicId}.m3u8", token),
            Url(settings, $"so_0/{publicId}.jpg", token),
            expires
        );
    }

    private static Uri Url(CloudinaryOptions settings, string path, string? token)
    {
        // A token replaces the path signature (as Cloudinary's SDKs do); without one, authenticated assets need it.
        var signed = token is null && (settings.SignedDelivery || settings.DeliveryType != "upload");
        var signature = signed
            ? CloudinarySignature.SignDelivery(path, settings.ApiSecret!, settings.SignatureAlgorithm) + "/"
            : "";
        var query = token is null ? "" : "?" + token;
        return new Uri(
            settings.DeliveryBaseUrl,
            $"{Uri.EscapeDataString(settings.CloudName!)}/video/{settings.DeliveryType}/{signature}{path}{query}"
        );
    }
}
