using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Channels;

public sealed record CompleteChannelImageUploadRequest(ChannelImageKind Kind, string? Token);

/// <summary>Checks that the uploaded file is an image, re-encodes it to the fixed size and makes it the channel's;
/// the previous image is removed.</summary>
public sealed class CompleteChannelImageUpload(
    IUserStore users,
    IChannelImages images,
    ChannelImageReplacement replacement,
    ICurrentUser caller,
    IClock clock
)
{
    public async Task<Result<User>> Handle(CompleteChannelImageUploadRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (caller.UserId is not { } userId || await users.FindUserAsync(userId, ct) is not { } user)
        {
            return AccountErrors.NotAuthenticated;
        }

        var (version, refusal) = await images.CompleteUploadAsync(
            userId,
            request.Kind,
            request.Token ?? "",
            clock.UtcNow,
            ct
        );
        if (version is null)
        {
            return new Error("INVALID_IMAGE", refusal ?? "The file is not an image we can read.", "token");
        }

        return await replacement.ReplaceAsync(user, request.Kind, version, ct);
    }
}
