using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;

namespace StreamEngine.Application.Engagement;

/// <summary>Checks a page request (both directions at once, or sizes out of range, are refused).</summary>
public static class Pages
{
    public static Error? Check(PageRequest page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return
            (page.First is not null && page.Last is not null)
            || page.First is < 0 or > PageRequest.MaxSize
            || page.Last is < 0 or > PageRequest.MaxSize
            ? EngagementErrors.InvalidPage
            : null;
    }

    /// <summary>Runs a page query, turning a cursor the store cannot read into INVALID_CURSOR.</summary>
    public static async Task<Result<Page<T>>> RunAsync<T>(PageRequest page, Func<Task<Page<T>>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (Check(page) is { } error)
        {
            return error;
        }

        try
        {
            return await query();
        }
        catch (InvalidCursorException)
        {
            return EngagementErrors.InvalidCursor;
        }
    }
}
