using System.Diagnostics.CodeAnalysis;

namespace StreamEngine.Domain.Users;

/// <summary>A user's public, unique name in URLs (<c>@handle</c>): 3 to 30 of a-z, 0-9, '_' and '.',
/// lower-cased.</summary>
public sealed record Handle
{
    public const int MinLength = 3;
    public const int MaxLength = 30;

    private Handle(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? input, [NotNullWhen(true)] out Handle? handle)
    {
        handle = null;
        var candidate = input?.Trim().TrimStart('@').ToLowerInvariant();
        if (candidate is null || candidate.Length is < MinLength or > MaxLength)
        {
            return false;
        }

        if (
            !candidate.All(IsAllowed)
            || candidate[0] == '.'
            || candidate[^1] == '.'
            || candidate.Contains("..", StringComparison.Ordinal)
        )
        {
            return false;
        }

        handle = new Handle(candidate);
        return true;
    }

    /// <summary>Derives a valid handle from any display name ("José Núñez" becomes "jose_nunez"); never
    /// fails.</summary>
    public static Handle DeriveFrom(string? name)
    {
        var normalized = (name ?? string.Empty).Normalize(System.Text.NormalizationForm.FormD);
        var builder = new System.Text.StringBuilder();
        foreach (var c in normalized)
        {
            var lower = char.ToLowerInvariant(c);
            if (IsAllowed(lower) && lower != '.')
            {
                builder.Append(lower);
            }
            else if ((char.IsWhiteSpace(c) || c is '-' or '.') && builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }
        }

        var text = builder.ToString().Trim('_');
        if (text.Length > MaxLength - 5)
        {
            text = text[..(MaxLength - 5)].TrimEnd('_');
        }

        if (text.Length < MinLength)
        {
            text = "user" + text;
        }

        return new Handle(text);
    }

    public Handle WithSuffix(int suffix)
    {
        var tail = "_" + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var head = Value.Length + tail.Length > MaxLength ? Value[..(MaxLength - tail.Length)] : Value;
        return new Handle(head + tail);
    }

    public override string ToString() => Value;

    private static bool IsAllowed(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.';
}
