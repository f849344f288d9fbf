using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Users;

/// <summary>Who may see what of a user.</summary>
public static class UserAccess
{
    /// <summary>A user's e-mail address is theirs alone to see.</summary>
    public static bool MaySeeEmail(User user, Guid? callerId) => user is not null && callerId == user.Id;
}
