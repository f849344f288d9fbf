using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;

namespace StreamEngine.Web.Hosting;

/// <summary><c>dotnet run --project src/Web -- --export-schema schema.graphql</c> writes the SDL and exits.</summary>
public static class SchemaExport
{
    public static bool TryRun(string[] args, out int exitCode)
    {
        ArgumentNullException.ThrowIfNull(args);
        exitCode = 0;
        var index = Array.IndexOf(args, "--export-schema");
        if (index < 0)
        {
            return false;
        }

        var target = index + 1 < args.Length ? args[index + 1] : "schema.graphql";
        if (!Path.IsPathRooted(target))
        {
            // `dotnet run` starts in the project folder; a relative path means the repository root.
            target = Path.Combine(RepositoryRoot() ?? Directory.GetCurrentDirectory(), target);
        }

        File.WriteAllText(target, PrintSchema());
        Console.WriteLine($"Wrote {Path.GetFullPath(target)}");
        return true;
    }

    private static string? RepositoryRoot()
    {
        var directory = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "StreamEngine.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName;
    }

    public static string PrintSchema() =>
        BuildSchema()
            .Print(new PrintOptions { IncludeDeprecationReasons = true, IncludeDescriptions = true })
            .Replace("\r\n", "\n", StringComparison.Ordinal)
            .TrimEnd() + "\n";

    /// <summary>The schema as the server builds it, initialized, without starting the server.</summary>
    public static ISchema BuildSchema()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "SchemaExport" });
        builder.Configuration["StreamEngine:DataDirectory"] = Path.Combine(
            Path.GetTempPath(),
            "streamengine-schema-export"
        );
        builder.AddStreamEngine();
        var services = builder.Services.BuildServiceProvider();
        var schema = services.GetRequiredService<ISchema>();
        schema.Initialize();
        return schema;
    }
}
