namespace StreamEngine.Application.Abstractions;

/// <summary>A Relay page request: <c>first</c>/<c>after</c> forwards or <c>last</c>/<c>before</c> backwards. Cursors
/// are opaque to clients and to use cases; the store makes and reads them.</summary>
public sealed record PageRequest(int? First, string? After, int? Last, string? Before)
{
    /// <summary>Whether the total is wanted (counting a long list is not free; Relay clients often do not
    /// ask).</summary>
    public bool IncludeTotal { get; init; } = true;

    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    public static readonly PageRequest Default = new(null, null, null, null);

    public bool Backwards => Last is not null || (Before is not null && First is null);

    public int Size => Math.Clamp(Backwards ? Last ?? DefaultSize : First ?? DefaultSize, 0, MaxSize);
}

public sealed record Edge<T>(T Node, string Cursor);

/// <param name="TotalCount">Rows in the whole list; 0 when the request did not ask for it.</param>
public sealed record Page<T>(IReadOnlyList<Edge<T>> Edges, bool HasNextPage, bool HasPreviousPage, int TotalCount)
{
    public static Page<T> Empty { get; } = new([], false, false, 0);

    public Page<TOut> Map<TOut>(Func<T, TOut> map) =>
        new([.. Edges.Select(e => new Edge<TOut>(map(e.Node), e.Cursor))], HasNextPage, HasPreviousPage, TotalCount);
}

/// <summary>A cursor the store cannot read (forged, or from another list).</summary>
public sealed class InvalidCursorException(string message) : Exception(message)
{
    public InvalidCursorException()
        : this("The cursor is not valid for this list.") { }

    public InvalidCursorException(string message, Exception inner)
        : this(message + " " + inner?.Message) { }
}
