using StreamEngine.Application.Abstractions;

namespace StreamEngine.Fakes;

/// <summary>A clock that moves only when told.</summary>
public sealed class FakeClock(DateTimeOffset now) : IClock
{
    public DateTimeOffset UtcNow { get; set; } = now;

    public void Advance(TimeSpan by) => UtcNow += by;
}

/// <summary>The caller of a use case: anonymous until <see cref="SignIn"/>.</summary>
public sealed class FakeCaller : ICurrentUser
{
    public Guid? UserId { get; private set; }

    public Guid? SessionId { get; private set; }

    public string ClientAddress { get; set; } = "203.0.113.7";

    public void SignIn(Guid userId, Guid? sessionId = null)
    {
        UserId = userId;
        SessionId = sessionId ?? Guid.NewGuid();
    }

    public void SignOut()
    {
        UserId = null;
        SessionId = null;
    }
}

/// <summary>The store contract every persistence fake shares: writes apply at once, <see cref="SaveChangesAsync"/>
/// counts, and <see cref="ConflictOnNextSave"/> makes the next save lose a race on a concurrency token, as the real
/// stores report it.</summary>
public abstract class UnitOfWorkFake
{
    public int Saves { get; private set; }

    public bool ConflictOnNextSave { get; set; }

    public Task SaveChangesAsync(CancellationToken ct)
    {
        if (ConflictOnNextSave)
        {
            ConflictOnNextSave = false;
            throw new ConcurrencyConflictException();
        }

        Saves++;
        return Task.CompletedTask;
    }
}

/// <summary>Relay pages over an in-memory list: cursors are positions, as opaque to callers as the real ones.</summary>
public static class FakePages
{
    public static Page<T> Of<T>(IEnumerable<T> items, PageRequest page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var all = items.ToList();
        var start = Position(page.After) + 1;
        var end = page.Before is null ? all.Count : Position(page.Before);
        var window = all.Skip(start).Take(Math.Max(0, end - start)).ToList();
        var taken = page.Backwards ? window.TakeLast(page.Size).ToList() : window.Take(page.Size).ToList();
        var first = page.Backwards ? end - taken.Count : start;
        var edges = taken.Select(
            (item, i) => new Edge<T>(item, (first + i).ToString(System.Globalization.CultureInfo.InvariantCulture))
        );
        return new Page<T>(
            [.. edges],
            HasNextPage: first + taken.Count < end,
            HasPreviousPage: first > start,
            TotalCount: page.IncludeTotal ? all.Count : 0
        );
    }

    private static int Position(string? cursor) =>
        cursor is null ? -1
        : int.TryParse(cursor, out var position) && position >= 0 ? position
        : throw new InvalidCursorException();
}
