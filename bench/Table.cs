using System.Globalization;

namespace StreamEngine.Bench;

/// <summary>Cells of the Markdown tables the benchmarks print.</summary>
internal static class Table
{
    /// <summary>The value formatted (invariant culture), right-aligned in <paramref name="width"/> characters, or
    /// left-aligned when the width is negative.</summary>
    public static string Cell(object? value, int width, string? format = null)
    {
        var text =
            value is IFormattable formattable && format is not null
                ? formattable.ToString(format, CultureInfo.InvariantCulture)
                : Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        return width < 0 ? text.PadRight(-width) : text.PadLeft(width);
    }

    /// <summary>A table row of ready cells.</summary>
    public static string Row(params string[] cells) => "| " + string.Join(" | ", cells) + " |";

    /// <summary>The separator row under a header, one dash run per column width.</summary>
    public static string Rule(params int[] widths) =>
        "|" + string.Join("|", widths.Select(w => new string('-', w))) + "|";
}
