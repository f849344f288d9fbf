using GraphQL.Types;

namespace StreamEngine.Web.GraphQL.Common;

/// <summary>The <c>DateTime</c> scalar of the public contract: an ISO-8601 instant with its offset, always UTC on
/// output (as HotChocolate's DateTime scalar), backed by <see cref="DateTimeOffset"/>.</summary>
public sealed class DateTimeType : DateTimeOffsetGraphType
{
    public DateTimeType()
    {
        Name = "DateTime";
        Description = "An ISO-8601 instant with offset, e.g. 2026-11-25T12:00:00Z.";
    }
}
