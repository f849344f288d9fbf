using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Channels;

/// <summary>Points a channel at a new image (or none), then removes the old file: a crash in between leaves an
/// unused file, never a channel pointing at a missing one.</summary>
public sealed class ChannelImageReplacement(IUserStore users, IChannelImages images)
{
    public async Task<User> ReplaceAsync(User user, ChannelImageKind kind, long? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var previous = kind == ChannelImageKind.Avatar ? user.AvatarVersion : user.BannerVersion;
        user.SetChannelImage(kind, version);
        await users.SaveChangesAsync(ct);
        if (previous is { } old)
        {
            await images.DeleteAsync(user.Id, kind, old, ct);
        }

        return user;
    }
}
