using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Live;

namespace StreamEngine.Application.Live;

/// <summary>The caller's own stream, or why not (someone else's does not exist for them).</summary>
public sealed class OwnedLiveStream(ILiveStreamStore streams, ICurrentUser caller)
{
    public async Task<Result<LiveStream>> FindAsync(Guid id, CancellationToken ct)
    {
        if (caller.UserId is not { } userId)
        {
            return AccountErrors.NotAuthenticated;
        }

        return await streams.FindLiveStreamAsync(id, ct) is { } stream && stream.OwnerId == userId
            ? stream
            : LiveErrors.NotFound;
    }
}
