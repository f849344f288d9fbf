namespace StreamEngine.Application.Common;

/// <summary>What sort of failure an <see cref="Error"/> is; transports decide by kind (an HTTP status, a GraphQL error
/// instead of a payload error), never by matching codes.</summary>
public enum ErrorKind
{
    /// <summary>The input is wrong; the caller can correct it.</summary>
    Validation,

    /// <summary>The thing does not exist, or the caller may not know that it does.</summary>
    NotFound,

    /// <summary>The caller must sign in.</summary>
    Unauthenticated,

    /// <summary>The caller is known but may not do this.</summary>
    Forbidden,

    /// <summary>The state of things does not allow it (taken, already done, over a quota).</summary>
    Conflict,

    /// <summary>Too many attempts; try again later.</summary>
    RateLimited,
}

/// <summary>An expected failure of a use case: a stable machine-readable code, a sentence for people, the input field
/// at fault when there is exactly one, and its kind.</summary>
public sealed record Error(string Code, string Message, string? Field = null, ErrorKind Kind = ErrorKind.Validation)
{
    public Error WithField(string field) => this with { Field = field };
}
