using Microsoft.Extensions.Options;

namespace StreamEngine.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The <c>StreamEngine:Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "StreamEngine:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for Postgres. For SQLite, empty means <c>{DataDirectory}/streamengine.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations when the server starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}

internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail($"{DatabaseOptions.Section}:Provider must be Sqlite or Postgres.");
        }

        if (options.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                $"{DatabaseOptions.Section}:ConnectionString is required when {DatabaseOptions.Section}:Provider "
                    + "is Postgres."
            );
        }

        return ValidateOptionsResult.Success;
    }
}
