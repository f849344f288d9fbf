namespace StreamEngine.Application.Common;

/// <summary>An expected failure of a use case: a stable machine-readable code, a sentence for people, and the input
/// field at fault when there is exactly one.</summary>
public sealed record Error(string Code, string Message, string? Field = null)
{
    public Error WithField(string field) => this with { Field = field };
}
