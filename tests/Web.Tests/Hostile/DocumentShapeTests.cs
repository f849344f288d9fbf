using GraphQLParser;
using StreamEngine.Web.GraphQL.Limits;

namespace StreamEngine.Web.Tests.Hostile;

/// <summary>The measure the document limits rest on, without a server.</summary>
public sealed class DocumentShapeTests
{
    [Fact]
    public void Root_fields_are_counted_through_inline_and_named_fragments_and_aliases()
    {
        var document = Parser.Parse(
            """
            mutation M { a: login(input: {}) { x } ... on Mutation { b: login(input: {}) { x } ...F ...F } }
            fragment F on Mutation { login(input: {}) { x } register(input: {}) { x } }
            """
        );

        var shape = DocumentShape.Measure(document, "M")!;

        Assert.Equal(4, shape.RootFields["login"]);
        Assert.Equal(2, shape.RootFields["register"]);
        Assert.Equal(6, shape.CountRoot(DocumentLimits.CostlyFields));
        Assert.Equal(2, shape.Aliases);
        Assert.Equal(12, shape.Fields);
    }

    [Fact]
    public void A_fragment_bomb_of_sixty_levels_is_measured_at_once_and_saturates_instead_of_overflowing()
    {
        var text = new System.Text.StringBuilder("{ ...F0 }\n");
        for (var i = 0; i < 60; i++)
        {
            text.Append(FormattableString.Invariant($"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}\n"));
        }

        text.Append("fragment F60 on Query { __typename }\n");

        var shape = DocumentShape.Measure(Parser.Parse(text.ToString()), null)!;

        Assert.Equal(1L << 60, shape.Fields);
        Assert.Equal(1L << 60, shape.RootFields["__typename"]);
    }

    [Fact]
    public void A_fragment_cycle_is_measured_as_empty_and_left_to_validation()
    {
        var shape = DocumentShape.Measure(
            Parser.Parse("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A __typename }"),
            null
        )!;

        Assert.Equal(1, shape.Fields);
    }
}
