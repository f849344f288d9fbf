using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>Checks a video's stored source (a decodable video in an allowed container, within the duration and size
/// limits) and moves the video on: PROCESSING, or FAILED with a reason and the bytes removed. The caller
/// saves.</summary>
public sealed class SourceAcceptance(IMediaInspector inspector, IObjectStorage storage, IOptions<VideoOptions> options)
{
    /// <summary>The reason the source was refused, or null when the video is now PROCESSING.</summary>
    public async Task<string?> AcceptAsync(Video video, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(video);
        var inspection = await inspector.InspectSourceAsync(video.Id, ct);
        var reason =
            !inspection.Accepted ? inspection.Reason
            : inspection.DurationSeconds > options.Value.MaxDuration.TotalSeconds
                ? $"The video is {TimeSpan.FromSeconds(Math.Round(inspection.DurationSeconds))} long; the maximum is "
                    + $"{options.Value.MaxDuration}."
            : inspection.SizeBytes > options.Value.MaxUploadBytes
                ? $"The file is larger than the maximum of {options.Value.MaxUploadBytes} bytes."
            : null;
        if (reason is not null)
        {
            video.MarkFailed(reason, now);
            await storage.DeleteSourceAsync(video.Id, ct);
        }
        else
        {
            video.MarkUploaded(
                inspection.SizeBytes,
                inspection.DurationSeconds,
                inspection.Width,
                inspection.Height,
                now
            );
        }

        return reason;
    }
}
