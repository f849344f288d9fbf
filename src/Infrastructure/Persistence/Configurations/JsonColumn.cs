using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace StreamEngine.Infrastructure.Persistence.Configurations;

/// <summary>A video's media (its ladder, storyboard, captions, thumbnails) as JSON text in one column each, read and
/// written with System.Text.Json. The columns used to be EF Core owned types mapped with <c>ToJson</c>; their JSON is
/// the same (property names as in C#), but EF Core's JSON shaper built a delegate per row and column when it read
/// them, about a quarter of a 20-row list's server CPU. A converter is one compiled call.</summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        Converters = { new InstantConverter() },
    };

    /// <summary>A list (NULL stays null: the entity reads a null list as empty).</summary>
    public static ValueConverter<List<T>?, string> ListConverter<T>() =>
        new(v => JsonSerializer.Serialize(v, Options), s => JsonSerializer.Deserialize<List<T>>(s, Options)!);

    /// <summary>Lists of immutable records compare by their items; a snapshot copies the list, so that a list changed
    /// in place is seen as changed.</summary>
    public static ValueComparer<List<T>?> ListComparer<T>() =>
        new(
            (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
            v => v == null ? 0 : v.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)),
            v => v == null ? null : v.ToList()
        );

    /// <summary>One immutable record, or NULL.</summary>
    public static ValueConverter<T?, string> Converter<T>()
        where T : class =>
        new(v => JsonSerializer.Serialize(v, Options), s => JsonSerializer.Deserialize<T>(s, Options)!);
}

/// <summary>Instants as ISO 8601 text; also reads the UTC ticks EF Core wrote into these columns on SQLite (where
/// every DateTimeOffset is stored as ticks, see <see cref="DateTimeOffsetToUtcTicksConverter"/>).</summary>
internal sealed class InstantConverter : System.Text.Json.Serialization.JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number
            ? new DateTimeOffset(reader.GetInt64(), TimeSpan.Zero)
            : reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
