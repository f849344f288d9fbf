using GraphQL;
using GraphQLParser.AST;

namespace StreamEngine.Web.GraphQL.Limits;

/// <summary>Hard caps on what one document may ask for, checked on its <see cref="DocumentShape"/> before validation
/// runs (validation itself costs time proportional to the fields, and more for many fields of one name).</summary>
public static class DocumentLimits
{
    /// <summary>Root fields that check a password (a deliberately slow hash) or send an e-mail.</summary>
    public static readonly IReadOnlySet<string> CostlyFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "login",
        "register",
        "changePassword",
        "resetPassword",
        "deleteAccount",
        "requestEmailVerification",
        "requestPasswordReset",
    };

    /// <summary>Root fields of the authentication policy (per client address).</summary>
    public static readonly IReadOnlySet<string> AuthenticationFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "register",
        "login",
        "refreshSession",
        "signInWithGoogle",
        "requestEmailVerification",
        "verifyEmail",
        "requestPasswordReset",
        "resetPassword",
        "changePassword",
        "deleteAccount",
    };

    public const string TooLargeCode = "DOCUMENT_TOO_LARGE";

    /// <summary>The refusal for a document over a cap, or null.</summary>
    public static ExecutionError? Check(DocumentShape shape, OperationType? type, GraphQLOptions options)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(options);
        if (shape.Fields > options.MaxFields)
        {
            return Refuse(
                $"The document selects {shape.Fields} fields (fragments expanded); at most {options.MaxFields} are "
                    + "allowed."
            );
        }

        if (shape.Aliases > options.MaxAliases)
        {
            return Refuse(
                $"The document has {shape.Aliases} aliases (fragments expanded); at most {options.MaxAliases} are "
                    + "allowed."
            );
        }

        var costly = type == OperationType.Mutation ? shape.CountRoot(CostlyFields) : 0;
        return costly > options.MaxCostlyFields
            ? Refuse(
                $"The document checks passwords or sends e-mail {costly} times; at most {options.MaxCostlyFields} "
                    + "per document."
            )
            : null;
    }

    private static ExecutionError Refuse(string message) => new(message) { Code = TooLargeCode };
}
