using Microsoft.Extensions.Options;

namespace StreamEngine.Web.GraphQL;

/// <summary>The <c>StreamEngine:GraphQL</c> section: limits of the GraphQL endpoint.</summary>
public sealed class GraphQLOptions
{
    public const string Section = "StreamEngine:GraphQL";

    /// <summary>Deepest selection nesting a document may have.</summary>
    public int MaxDepth { get; set; } = 15;

    /// <summary>Highest computed complexity (fields, with list fields multiplied by their page size).</summary>
    public int MaxComplexity { get; set; } = 5000;

    /// <summary>Largest request body accepted, in bytes.</summary>
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>Field selections per document, fragments expanded (introspection included).</summary>
    public int MaxFields { get; set; } = 1500;

    /// <summary>Aliased selections per document, fragments expanded.</summary>
    public int MaxAliases { get; set; } = 30;

    /// <summary>Password checks and e-mail sends (login, register, changePassword, resetPassword, deleteAccount,
    /// requestEmailVerification, requestPasswordReset) per document.</summary>
    public int MaxCostlyFields { get; set; } = 1;

    public bool EnableIntrospection { get; set; } = true;

    /// <summary>Serve Banana Cake Pop to browsers at the GraphQL path.</summary>
    public bool EnableIde { get; set; } = true;
}

internal sealed class GraphQLOptionsValidator : IValidateOptions<GraphQLOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphQLOptions options)
    {
        var failures = new List<string>();
        if (options.MaxDepth is < 2 or > 100)
        {
            failures.Add($"{GraphQLOptions.Section}:MaxDepth must be between 2 and 100 (was {options.MaxDepth}).");
        }

        if (options.MaxComplexity < 10)
        {
            failures.Add($"{GraphQLOptions.Section}:MaxComplexity must be at least 10 (was {options.MaxComplexity}).");
        }

        if (options.MaxFields < 10 || options.MaxAliases < 0 || options.MaxCostlyFields < 1)
        {
            failures.Add(
                $"{GraphQLOptions.Section}:MaxFields must be at least 10, MaxAliases at least 0 and "
                    + "MaxCostlyFields at least 1."
            );
        }

        if (options.MaxRequestBytes is < 1024 or > 64 * 1024 * 1024)
        {
            failures.Add(
                $"{GraphQLOptions.Section}:MaxRequestBytes must be between 1024 and 67108864 (was "
                    + $"{options.MaxRequestBytes})."
            );
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
