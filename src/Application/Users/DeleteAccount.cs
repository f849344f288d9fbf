using Microsoft.Extensions.Logging;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Users;

/// <summary>Deletes the signed-in account with everything it has. A password account confirms with its password.
/// Rows go first in one transaction (other people's counters are corrected in it); files and hosted assets follow,
/// so a crash in between leaves unreferenced files, never an account half gone.</summary>
public sealed class DeleteAccount(
    IUserStore users,
    PasswordAttempts passwords,
    IVideoStore videos,
    IUploadSessionStore uploads,
    IObjectStorage storage,
    ITranscodePipeline pipeline,
    IAccountErasure erasure,
    IChannelImages images,
    ISessionEvents sessionEvents,
    ICurrentUser caller,
    IClock clock,
    ILogger<DeleteAccount> logger
)
{
    public async Task<Result<Guid>> Handle(string? password, CancellationToken ct)
    {
        if (caller.UserId is not { } userId || await users.FindUserAsync(userId, ct) is not { } user)
        {
            return AccountErrors.NotAuthenticated;
        }

        var wrong = AccountErrors.InvalidCredentials with { Message = "The password is wrong." };
        if (
            user.PasswordHash is not null
            && await passwords.CheckAsync(user, password, "password", wrong, ct) is { Succeeded: false } refused
        )
        {
            return Result<Guid>.Failure(refused.Errors);
        }

        var owned = await videos.ListVideosOfOwnerAsync(userId, ct);
        var now = clock.UtcNow;
        foreach (var video in owned)
        {
            if (video.Status == VideoStatus.Processing)
            {
                await pipeline.CancelAsync(video.Id, ct);
            }

            foreach (var session in await uploads.ListUploadsOfVideoAsync(video.Id, ct))
            {
                if (session.IsOpen(now))
                {
                    await storage.AbortUploadAsync(session, ct);
                }
            }
        }

        await erasure.DeleteUserAsync(userId, ct);
        await sessionEvents.PublishAsync(new SessionsEnded(userId, null), ct);
        foreach (var video in owned)
        {
            await storage.DeleteSourceAsync(video.Id, CancellationToken.None);
            await storage.DeleteMediaAsync(video.Id, CancellationToken.None);
            if (video.Status != VideoStatus.AwaitingUpload)
            {
                await pipeline.DeleteOutputsAsync(video.Id, CancellationToken.None);
            }
        }

        await images.DeleteAllAsync(userId, CancellationToken.None);
        logger.LogInformation("Account {UserId} deleted with {Count} videos", userId, owned.Count);
        return userId;
    }
}
