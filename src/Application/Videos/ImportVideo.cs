using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

public sealed record ImportVideoRequest(string? Url, string? Title, string? Description);

/// <summary>Creates a video whose file the server fetches from a public URL (the same guard as webhooks); a worker
/// fetches it and it proceeds as an upload. The video and its import are saved together.</summary>
public sealed class ImportVideo(
    IVideoStore videos,
    IVideoImportStore imports,
    IUserStore users,
    IWebhookTargetPolicy policy,
    IEventBus events,
    ICurrentUser caller,
    IClock clock,
    IOptions<AccountOptions> accountOptions
)
{
    public async Task<Result<Video>> Handle(ImportVideoRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uploader = await Uploader.FindAsync(users, caller, accountOptions.Value, ct);
        if (!uploader.Succeeded)
        {
            return Result<Video>.Failure(uploader.Errors);
        }

        var userId = uploader.Value.Id;

        if (VideoErrors.OfText(request.Title, request.Description) is [var invalid, ..])
        {
            return invalid;
        }

        var title = request.Title!.Trim();

        if (
            request.Url is not { Length: > 0 and <= VideoImport.MaxUrlLength }
            || !Uri.TryCreate(request.Url, UriKind.Absolute, out var url)
            || url.Scheme is not ("https" or "http")
            || !string.IsNullOrEmpty(url.UserInfo)
        )
        {
            return VideoErrors.InvalidImportUrl;
        }

        if (!await policy.IsAllowedAsync(url, ct))
        {
            return VideoErrors.ImportUrlNotAllowed;
        }

        if (await imports.PendingCountAsync(userId, ct) >= VideoImport.MaxPendingPerOwner)
        {
            return VideoErrors.OpenUploadsQuota(VideoImport.MaxPendingPerOwner) with
            {
                Message = $"You have {VideoImport.MaxPendingPerOwner} imports waiting already; wait for one.",
            };
        }

        var now = clock.UtcNow;
        var video = Video.Create(userId, title, request.Description, now);
        videos.AddVideo(video);
        imports.AddImport(VideoImport.For(video, url.ToString(), now));
        await videos.SaveChangesAsync(ct);
        await events.PublishAsync(VideoEvents.Of(video, now), ct);
        return video;
    }
}
