using GraphQLParser;
using StreamEngine.TestSupport;
using StreamEngine.Web.GraphQL.Transport;

namespace StreamEngine.Web.Tests;

/// <summary>A document that passed validation once is neither parsed nor validated again, but what depends on the
/// request still runs for it every time: complexity from its variables, and the rate-limit charge.</summary>
public sealed class ValidatedDocumentTests
{
    [Fact]
    public void Documents_are_kept_by_their_exact_text_bounded_in_number_and_length()
    {
        var documents = new ValidatedDocuments();
        var kept = Parser.Parse("{ __typename }");
        documents.Keep("{ __typename }", kept);
        documents.Keep(new string(' ', ValidatedDocuments.MaxLength) + "{ __typename }", kept);

        Assert.Same(kept, documents.Find("{ __typename }"));
        Assert.Null(documents.Find("{  __typename }"));
        Assert.Null(documents.Find(new string(' ', ValidatedDocuments.MaxLength) + "{ __typename }"));

        for (var i = 0; i < ValidatedDocuments.Capacity; i++)
        {
            documents.Keep($"{{ a{i}: __typename }}", kept);
        }

        Assert.Null(documents.Find("{ __typename }"));
    }

    [Fact]
    public async Task A_repeated_document_is_still_held_to_its_complexity_with_each_request_s_variables()
    {
        await using var app = StreamEngineApp.With(
            new Dictionary<string, string?> { ["StreamEngine:GraphQL:MaxComplexity"] = "60" }
        );
        var client = app.CreateGraphQLClient();
        const string Query = "query($n: Int) { videos(first: $n) { edges { node { id title } } } }";

        var small = await client.SendAsync(Query, new { n = 2 });
        var again = await client.SendAsync(Query, new { n = 2 });
        var large = await client.SendAsync(Query, new { n = 100 });
        var invalid = await client.SendAsync("{ videos { nope } }");
        var invalidAgain = await client.SendAsync("{ videos { nope } }");

        Assert.Empty(small.ErrorCodes);
        Assert.Empty(again.ErrorCodes);
        Assert.Equal(["MAX_COMPLEXITY_EXCEEDED"], large.ErrorCodes);
        Assert.NotEmpty(invalid.ErrorCodes);
        Assert.Equal(invalid.ErrorCodes, invalidAgain.ErrorCodes);
    }
}
