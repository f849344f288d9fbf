using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Channels;

/// <summary>Changing a channel's avatar or banner: a signed upload, then completion, which checks the file is an
/// image and re-encodes it to the fixed size; the previous image is removed.</summary>
public sealed class SetChannelImage(IAccountStore accounts, IChannelImages images, ICurrentUser caller, IClock clock)
{
    public const long MaxImageBytes = 10 * 1024 * 1024;

    /// <summary>Uploaded images a user may leave waiting for completion (each holds up to <see cref="MaxImageBytes"/>
    /// on disk until completed or swept).</summary>
    public const int MaxPendingUploads = 3;

    public static readonly Error TooLarge = new("IMAGE_TOO_LARGE", $"An image may be at most {MaxImageBytes} bytes.", "sizeBytes");

    public static readonly Error PendingQuota = new("QUOTA_EXCEEDED", $"At most {MaxPendingUploads} image uploads may wait for completion; complete one first.", Kind: ErrorKind.Conflict);

    public Result<ChannelImageUpload> Begin(ChannelImageKind kind, long sizeBytes) =>
        caller.UserId is not { } userId ? AccountErrors.NotAuthenticated
        : sizeBytes is < 1 or > MaxImageBytes ? TooLarge
        : images.PendingUploads(userId) >= MaxPendingUploads ? PendingQuota
        : images.BeginUpload(userId, kind, sizeBytes, clock.UtcNow);

    public async Task<Result<User>> Complete(ChannelImageKind kind, string? token, CancellationToken ct)
    {
        if (caller.UserId is not { } userId || await accounts.FindUserAsync(userId, ct) is not { } user)
        {
            return AccountErrors.NotAuthenticated;
        }

        var (version, refusal) = await images.CompleteUploadAsync(userId, kind, token ?? "", clock.UtcNow, ct);
        if (version is null)
        {
            return new Error("INVALID_IMAGE", refusal ?? "The file is not an image we can read.", "token");
        }

        return await ReplaceAsync(user, kind, version, ct);
    }

    public async Task<Result<User>> Remove(ChannelImageKind kind, CancellationToken ct)
    {
        if (caller.UserId is not { } userId || await accounts.FindUserAsync(userId, ct) is not { } user)
        {
            return AccountErrors.NotAuthenticated;
        }

        return await ReplaceAsync(user, kind, null, ct);
    }

    /// <summary>Points the channel at the new image (or none), then removes the old file.</summary>
    private async Task<User> ReplaceAsync(User user, ChannelImageKind kind, long? version, CancellationToken ct)
    {
        var previous = kind == ChannelImageKind.Avatar ? user.AvatarVersion : user.BannerVersion;
        user.SetChannelImage(kind, version);
        await accounts.SaveChangesAsync(ct);
        if (previous is { } old)
        {
            await images.DeleteAsync(user.Id, kind, old, ct);
        }

        return user;
    }
}
