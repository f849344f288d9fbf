using Snapshooter.Xunit;
using StreamEngine.TestSupport;
using StreamEngine.Web.Hosting;

namespace StreamEngine.Web.Tests;

/// <summary>The schema is a contract: a change fails here until the snapshot and schema.graphql are updated on purpose
/// (dotnet run --project src/Web -- --export-schema schema.graphql, then delete the snapshot and re-run).</summary>
public sealed class SchemaContractTests
{
    [Fact]
    public void The_schema_matches_its_snapshot()
    {
        var sdl = SchemaExport.PrintSchema();

        sdl.MatchSnapshot();
    }

    [Fact]
    public void The_checked_in_schema_graphql_is_current()
    {
        var repositoryRoot = TestEnvironment.RepositoryRoot();
        var checkedIn = File.ReadAllText(Path.Combine(repositoryRoot, "schema.graphql"));

        Assert.Equal(checkedIn, SchemaExport.PrintSchema());
    }
}
