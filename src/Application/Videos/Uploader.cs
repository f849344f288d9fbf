using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Videos;

/// <summary>Who may add a video (by upload or import): a signed-in account, verified when the deployment
/// asks.</summary>
internal static class Uploader
{
    public static async Task<Result<User>> FindAsync(
        IUserStore users,
        ICurrentUser caller,
        AccountOptions options,
        CancellationToken ct
    )
    {
        if (caller.UserId is not { } userId || await users.FindUserAsync(userId, ct) is not { } user)
        {
            return AccountErrors.NotAuthenticated;
        }

        return options.RequireVerifiedEmailToUpload && !user.IsEmailVerified
            ? AccountErrors.EmailNotVerified with
            {
                Message = "Verify your e-mail address before uploading.",
            }
            : user;
    }
}
