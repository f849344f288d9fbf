using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Channels;

/// <summary>Removes the channel's avatar or banner.</summary>
public sealed class RemoveChannelImage(IUserStore users, ChannelImageReplacement replacement, ICurrentUser caller)
{
    public async Task<Result<User>> Handle(ChannelImageKind kind, CancellationToken ct)
    {
        if (caller.UserId is not { } userId || await users.FindUserAsync(userId, ct) is not { } user)
        {
            return AccountErrors.NotAuthenticated;
        }

        return await replacement.ReplaceAsync(user, kind, null, ct);
    }
}
