using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace StreamEngine.Web.GraphQL.Common;

/// <summary>The <c>DateTime</c> scalar of the public contract: an RFC 3339 instant with its offset, always UTC on
/// output (as HotChocolate's DateTime scalar), backed by <see cref="DateTimeOffset"/>.</summary>
public sealed class DateTimeType : DateTimeOffsetGraphType
{
    public DateTimeType()
    {
        Name = "DateTime";
        Description = "An RFC 3339 instant with offset, e.g. 2026-11-25T12:00:00Z.";
        this.ApplyDirective(
            SpecifiedByDirective.DirectiveName,
            "url",
            "https://scalars.graphql.org/andimarek/date-time"
        );
    }
}

/// <summary>An absolute http(s) URL, serialized as a string.</summary>
public sealed class UrlType : ScalarGraphType
{
    public UrlType()
    {
        Name = "URL";
        Description = "An absolute http or https URL (RFC 3986), as a string.";
        this.ApplyDirective(SpecifiedByDirective.DirectiveName, "url", "https://www.rfc-editor.org/rfc/rfc3986");
    }

    public override object? ParseLiteral(GraphQLValue value) =>
        value switch
        {
            GraphQLNullValue => null,
            GraphQLStringValue text => ParseValue((string)text.Value),
            _ => ThrowLiteralConversionError(value),
        };

    public override object? ParseValue(object? value) =>
        value switch
        {
            null => null,
            string text when Uri.TryCreate(text, UriKind.Absolute, out var uri) && IsHttp(uri) => uri,
            Uri uri when uri.IsAbsoluteUri && IsHttp(uri) => uri,
            _ => ThrowValueConversionError(value),
        };

    public override object? Serialize(object? value) =>
        value switch
        {
            null => null,
            Uri uri => uri.ToString(),
            string text => text,
            _ => ThrowSerializationError(value),
        };

    private static bool IsHttp(Uri uri) => uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp;
}

/// <summary><c>@specifiedBy(url:)</c> (GraphQL October 2021) for the custom scalars; graphql-dotnet 8 does not
/// declare it itself.</summary>
public sealed class SpecifiedByDirective : Directive
{
    public const string DirectiveName = "specifiedBy";

    public SpecifiedByDirective()
        : base(DirectiveName, GraphQLParser.AST.DirectiveLocation.Scalar)
    {
        Description = "Where the behaviour of a custom scalar is specified.";
        Arguments = new QueryArguments(
            new QueryArgument<NonNullGraphType<StringGraphType>>
            {
                Name = "url",
                Description = "The URL of the specification.",
            }
        );
    }
}

/// <summary>A link that stops working at a known time.</summary>
public sealed record SignedLink(Uri Url, DateTimeOffset ExpiresAt);

public sealed class SignedLinkType : ObjectGraphType<SignedLink>
{
    public SignedLinkType()
    {
        Name = "SignedLink";
        Description = "A signed link: it works until expiresAt; ask again for a fresh one after that.";
        Field<NonNullGraphType<UrlType>>("url").Description("The link.").Resolve(c => c.Source.Url);
        Field<NonNullGraphType<DateTimeType>>("expiresAt")
            .Description("When the link stops working.")
            .Resolve(c => c.Source.ExpiresAt);
    }
}

/// <summary><c>Long</c>, described.</summary>
public sealed class LongType : LongGraphType
{
    public LongType()
    {
        Name = "Long";
        Description = "A 64-bit signed integer, as a JSON number (counts and sizes; exact up to 2^53 in JavaScript).";
    }
}
