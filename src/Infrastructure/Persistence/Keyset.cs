using System.Buffers.Text;
using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Microsoft.EntityFrameworkCore;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Infrastructure.Persistence;

/// <summary>Relay pages by keyset: rows are ordered by a key and then an id, and a cursor holds both, so a page
/// starts exactly after the last row seen however many rows were inserted meanwhile (no offsets). A cursor also
/// names its list, so one list's cursor is refused by another.</summary>
internal static class Keyset
{
    // Compiled readers of key expressions; callers pass static expressions, so each compiles once.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Expression, Delegate> Compiled = [];

    public static async Task<Page<T>> PageAsync<T, TKey>(
        IQueryable<T> source,
        Expression<Func<T, TKey>> key,
        Expression<Func<T, Guid>> id,
        bool descending,
        PageRequest page,
        string list,
        CancellationToken ct
    )
    {
        var total = page.IncludeTotal ? await source.CountAsync(ct) : 0;
        var size = page.Size;
        if (size == 0)
        {
            return new Page<T>([], false, false, total);
        }

        var backwards = page.Backwards;
        var query = source;
        if (page.After is { } after)
        {
            query = query.Where(Beyond(key, id, Decode<TKey>(after, list), forwardOfCursor: !descending));
        }

        if (page.Before is { } before)
        {
            query = query.Where(Beyond(key, id, Decode<TKey>(before, list), forwardOfCursor: descending));
        }

        // Backwards pages read the order reversed from the cursor, then turn the rows around.
        var ascending = descending == backwards;
        query = ascending ? query.OrderBy(key).ThenBy(id) : query.OrderByDescending(key).ThenByDescending(id);
        var rows = await query.Take(size + 1).ToListAsync(ct);
        var readKey = (Func<T, TKey>)Compiled.GetValue(key, k => ((LambdaExpression)k).Compile());
        var readId = (Func<T, Guid>)Compiled.GetValue(id, k => ((LambdaExpression)k).Compile());
        return ToPage(rows, page, list, readKey, readId, total);
    }

    /// <summary>The page of up to <c>page.Size + 1</c> rows read in the page's direction: the extra row only tells
    /// that there are more; a backwards page is turned around; every row gets its cursor.</summary>
    public static Page<T> ToPage<T, TKey>(
        List<T> rows,
        PageRequest page,
        string list,
        Func<T, TKey> readKey,
        Func<T, Guid> readId,
        int total
    )
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(page);
        var more = rows.Count > page.Size;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (page.Backwards)
        {
            rows.Reverse();
        }

        var edges = new List<Edge<T>>(rows.Count);
        foreach (var row in rows)
        {
            edges.Add(new Edge<T>(row, Encode(list, readKey(row), readId(row))));
        }

        return page.Backwards
            ? new Page<T>(edges, page.Before is not null, more, total)
            : new Page<T>(edges, more, page.After is not null, total);
    }

    /// <summary>Rows after the cursor in ascending order (<paramref name="forwardOfCursor"/>) or before it:
    /// key &gt; k OR (key = k AND id &gt; i), or the same with &lt;.</summary>
    private static Expression<Func<T, bool>> Beyond<T, TKey>(
        Expression<Func<T, TKey>> key,
        Expression<Func<T, Guid>> id,
        (TKey Key, Guid Id) cursor,
        bool forwardOfCursor
    )
    {
        var row = key.Parameters[0];
        var keyBody = key.Body;
        var idBody = new ReplaceParameter(id.Parameters[0], row).Visit(id.Body);
        var k = Constant(cursor.Key, typeof(TKey));
        var compareIds = Expression.Call(
            idBody,
            typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!,
            Constant(cursor.Id, typeof(Guid))
        );
        var zero = Expression.Constant(0);
        var body = Expression.OrElse(
            forwardOfCursor ? Expression.GreaterThan(keyBody, k) : Expression.LessThan(keyBody, k),
            Expression.AndAlso(
                Expression.Equal(keyBody, k),
                forwardOfCursor ? Expression.GreaterThan(compareIds, zero) : Expression.LessThan(compareIds, zero)
            )
        );
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    // A closure's field, not a literal, so that the value is sent as a parameter.
    private static MemberExpression Constant(object? value, Type type)
    {
        var holder = Activator.CreateInstance(typeof(Holder<>).MakeGenericType(type), value)!;
        return Expression.Field(Expression.Constant(holder), "Value");
    }

    /// <summary>The cursor of one row of <paramref name="list"/>, as a page of it would give it.</summary>
    public static string Cursor<TKey>(string list, TKey key, Guid id) => Encode(list, key, id);

    private static string Encode<TKey>(string list, TKey key, Guid id)
    {
        var text = key switch
        {
            DateTimeOffset instant => instant.UtcTicks.ToString(CultureInfo.InvariantCulture),
            float real => real.ToString("R", CultureInfo.InvariantCulture),
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => throw new NotSupportedException(typeof(TKey).Name),
        };
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{list}|{text}|{id:N}"));
    }

    /// <summary>The key and id a cursor of <paramref name="list"/> holds; throws <see cref="InvalidCursorException"/>
    /// for any other text.</summary>
    public static (TKey Key, Guid Id) Decode<TKey>(string cursor, string list)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('|');
            if (parts.Length != 3 || parts[0] != list || !Guid.TryParseExact(parts[2], "N", out var id))
            {
                throw new InvalidCursorException();
            }

            object key =
                typeof(TKey) == typeof(DateTimeOffset)
                    ? new DateTimeOffset(long.Parse(parts[1], CultureInfo.InvariantCulture), TimeSpan.Zero)
                : typeof(TKey) == typeof(long) ? long.Parse(parts[1], CultureInfo.InvariantCulture)
                : typeof(TKey) == typeof(int) ? int.Parse(parts[1], CultureInfo.InvariantCulture)
                : typeof(TKey) == typeof(float) ? float.Parse(parts[1], CultureInfo.InvariantCulture)
                : throw new NotSupportedException(typeof(TKey).Name);
            return ((TKey)key, id);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            throw new InvalidCursorException();
        }
    }

    private sealed class Holder<TValue>(TValue value)
    {
        public readonly TValue Value = value;
    }

    private sealed class ReplaceParameter(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            node == from ? to : base.VisitParameter(node);
    }
}
