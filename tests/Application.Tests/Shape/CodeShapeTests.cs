using System.Reflection;
using System.Runtime.CompilerServices;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Application.Tests.Shape;

/// <summary>The shape the architecture asks for, checked on every run: one operation per use case, ports sized to one
/// aggregate or one read model, files short enough to read and lines within 120 characters.</summary>
public sealed class CodeShapeTests
{
    public const int MaxPortMembers = 8;
    public const int MaxFileLines = 300;
    public const int MaxLineLength = 120;

    private static readonly Assembly Application = typeof(ICurrentUser).Assembly;

    [Fact]
    public void Every_use_case_has_one_public_operation()
    {
        var offenders = ServiceClasses()
            .Select(t => (Type: t, Operations: PublicOperations(t)))
            .Where(x => x.Operations.Count > 1)
            .Select(x => $"{x.Type.FullName}: {string.Join(", ", x.Operations)}")
            .ToList();

        Assert.True(
            offenders.Count == 0,
            "Classes with more than one public operation:\n" + string.Join('\n', offenders)
        );
    }

    [Fact]
    public void Every_use_case_has_its_own_test_class()
    {
        var tested = typeof(CodeShapeTests).Assembly.GetTypes().Select(t => t.Name).ToHashSet();
        var untested = DependencyInjection
            .UseCases()
            .Where(t => !tested.Contains(t.Name + "Tests"))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(untested.Count == 0, "Use cases without a <UseCase>Tests class:\n" + string.Join('\n', untested));
    }

    [Fact]
    public void Every_use_case_is_in_a_file_named_after_it()
    {
        var root = RepositoryRoot();
        var offenders = ServiceClasses()
            .Where(t => t.GetMethod("Handle") is not null)
            .Where(t => !File.Exists(Path.Combine(root, "src", "Application", Folder(t), t.Name + ".cs")))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(offenders.Count == 0, "Use cases not in <Feature>/<UseCase>.cs:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void Every_port_is_sized_to_one_aggregate_or_read_model()
    {
        var offenders = Application
            .GetExportedTypes()
            .Where(t => t.IsInterface)
            .Select(t => (Type: t, Members: t.GetMethods().Length + t.GetProperties().Length))
            .Where(x => x.Members > MaxPortMembers)
            .Select(x => $"{x.Type.FullName}: {x.Members} members")
            .ToList();

        Assert.True(
            offenders.Count == 0,
            $"Ports wider than {MaxPortMembers} members:\n" + string.Join('\n', offenders)
        );
    }

    [Fact]
    public void Every_source_file_is_at_most_300_lines_of_at_most_120_characters()
    {
        var offenders = new List<string>();
        foreach (var file in SourceFiles())
        {
            var lines = File.ReadAllLines(file);
            if (lines.Length > MaxFileLines)
            {
                offenders.Add($"{file}: {lines.Length} lines");
            }

            offenders.AddRange(
                lines
                    .Select((line, i) => (Line: line, Number: i + 1))
                    .Where(x => x.Line.Length > MaxLineLength)
                    .Select(x => $"{file}:{x.Number}: {x.Line.Length} characters")
            );
        }

        Assert.True(offenders.Count == 0, $"{offenders.Count} findings:\n" + string.Join('\n', offenders.Take(200)));
    }

    /// <summary>Classes that do work on behalf of a caller: not records, options, errors or exceptions.</summary>
    private static IEnumerable<Type> ServiceClasses() =>
        Application
            .GetExportedTypes()
            .Where(t =>
                t is { IsClass: true, IsAbstract: false }
                && t.GetMethod("<Clone>$") is null
                && !t.Name.EndsWith("Options", StringComparison.Ordinal)
                && !typeof(Exception).IsAssignableFrom(t)
                && t.GetCustomAttribute<CompilerGeneratedAttribute>() is null
                && !t.Namespace!.EndsWith(".Abstractions", StringComparison.Ordinal)
            );

    private static List<string> PublicOperations(Type type) =>
        [
            .. type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName)
                .Select(m => m.Name)
                .Distinct(),
        ];

    private static string Folder(Type type) => type.Namespace!["StreamEngine.Application.".Length..].Replace('.', '/');

    internal static IEnumerable<string> SourceFiles()
    {
        var root = RepositoryRoot();
        return new[] { "src", "tests", "bench" }
            .Select(d => Path.Combine(root, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories))
            .Where(f =>
                !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains(
                    $"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}",
                    StringComparison.Ordinal
                )
                && !f.Contains(
                    $"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}",
                    StringComparison.Ordinal
                )
                && !f.Contains(
                    $"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}",
                    StringComparison.Ordinal
                )
            )
            .Order(StringComparer.Ordinal);
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StreamEngine.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("StreamEngine.sln not found above " + AppContext.BaseDirectory);
    }
}
