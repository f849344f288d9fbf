using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Channels;

public sealed record BeginChannelImageUploadRequest(ChannelImageKind Kind, long SizeBytes);

/// <summary>A signed upload for a new avatar or banner, within the size and pending-upload limits.</summary>
public sealed class BeginChannelImageUpload(IChannelImages images, ICurrentUser caller, IClock clock)
{
    public Result<ChannelImageUpload> Handle(BeginChannelImageUploadRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return caller.UserId is not { } userId ? AccountErrors.NotAuthenticated
            : request.SizeBytes is < 1 or > ChannelImageRules.MaxImageBytes ? ChannelImageRules.TooLarge
            : images.PendingUploads(userId) >= ChannelImageRules.MaxPendingUploads ? ChannelImageRules.PendingQuota
            : images.BeginUpload(userId, request.Kind, request.SizeBytes, clock.UtcNow);
    }
}
