using System.Diagnostics.CodeAnalysis;

namespace StreamEngine.Application.Common;

/// <summary>The outcome of a use case: a value, or one or more expected errors.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T value)
    {
        _value = value;
        Errors = [];
    }

    private Result(IReadOnlyList<Error> errors)
    {
        _value = default;
        Errors = errors;
    }

    public IReadOnlyList<Error> Errors { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool Succeeded => Errors.Count == 0;

    public T? Value => _value;

    public static Result<T> Success(T value) => new(value);

    public static Result<T> Failure(params Error[] errors) =>
        errors.Length == 0
            ? throw new ArgumentException("A failure needs at least one error.", nameof(errors))
            : new(errors);

    public static Result<T> Failure(IReadOnlyList<Error> errors) => Failure([.. errors]);

#pragma warning disable CA2225 // The conversions keep use cases readable: `return Errors.NotOwner;`.
    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Error error) => Failure(error);
#pragma warning restore CA2225
}
