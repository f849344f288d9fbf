using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Users;

public sealed record UpdateProfileRequest(string? DisplayName, string? Bio, string? Handle);

/// <summary>Changes the signed-in user's display name, bio or handle; fields left null stay as they are.</summary>
public sealed class UpdateProfile(IUserStore users, ICurrentUser caller)
{
    public async Task<Result<User>> Handle(UpdateProfileRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (caller.UserId is not { } userId || await users.FindUserAsync(userId, ct) is not { } user)
        {
            return AccountErrors.NotAuthenticated;
        }

        var errors = new List<Error>();
        var displayName = request.DisplayName?.Trim();
        if (displayName is not null && (displayName.Length == 0 || displayName.Length > User.MaxDisplayNameLength))
        {
            errors.Add(AccountErrors.InvalidDisplayName);
        }

        if (request.Bio is { Length: > User.MaxBioLength })
        {
            errors.Add(AccountErrors.InvalidBio);
        }

        Handle? handle = null;
        if (request.Handle is not null)
        {
            if (!Domain.Users.Handle.TryParse(request.Handle, out handle))
            {
                errors.Add(AccountErrors.InvalidHandle);
            }
            else if (handle.Value != user.Handle && await users.HandleExistsAsync(handle, ct))
            {
                errors.Add(AccountErrors.HandleTaken);
            }
        }

        if (errors.Count > 0)
        {
            return Result<User>.Failure(errors);
        }

        user.UpdateProfile(displayName, request.Bio);
        if (handle is not null)
        {
            user.ChangeHandle(handle);
        }

        try
        {
            await users.SaveChangesAsync(ct);
        }
        catch (DuplicateKeyException)
        {
            return AccountErrors.HandleTaken;
        }

        return user;
    }
}
