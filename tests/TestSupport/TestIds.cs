using StreamEngine.Application.Common;

namespace StreamEngine.TestSupport;

/// <summary>Global ids as the API gives them, and the database keys inside them (for tests that look at rows and
/// files).</summary>
public static class TestIds
{
    public static Guid Key(string globalId) =>
        GlobalId.TryParse(globalId, out _, out var keys) && keys.Length > 0
            ? keys[0]
            : throw new ArgumentException($"'{globalId}' is not a global id.", nameof(globalId));

    public static string Of(string type, Guid key) => GlobalId.Of(type, key);

    /// <summary>A well-formed id of <paramref name="type"/> that names nothing.</summary>
    public static string Unknown(string type) => GlobalId.Of(type, Guid.NewGuid());
}
