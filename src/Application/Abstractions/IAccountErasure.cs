namespace StreamEngine.Application.Abstractions;

/// <summary>Erases an account with everything it left on other people's counters.</summary>
public interface IAccountErasure
{
    /// <summary>Deletes an account in one transaction: its likes, comments and subscriptions come off other people's
    /// counters, then the user row goes, and with it (the database cascades) every row that belongs to it.</summary>
    Task DeleteUserAsync(Guid userId, CancellationToken ct);
}
