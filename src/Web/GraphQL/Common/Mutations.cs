using GraphQL;
using GraphQL.Types;
using StreamEngine.Application.Common;

namespace StreamEngine.Web.GraphQL.Common;

/// <summary>What a mutation resolved to: the payload's named values on success, or the expected failures (which
/// include authorization failures: a mutation never throws them, so one failure never nulls a whole
/// response).</summary>
public sealed record MutationOutcome(IReadOnlyDictionary<string, object?> Values, IReadOnlyList<Error> Errors)
{
    public string? ClientMutationId { get; init; }

    public static MutationOutcome Ok(params (string Name, object? Value)[] values) =>
        new(values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal), []);

    public static MutationOutcome Failed(params Error[] errors) => new(new Dictionary<string, object?>(), errors);

    public static MutationOutcome Failed(IReadOnlyList<Error> errors) => new(new Dictionary<string, object?>(), errors);

    public static implicit operator MutationOutcome(Error error) => Failed(error);
}

/// <summary>The <c>input</c> argument as read: field values by name, and global ids checked against their
/// type.</summary>
public sealed class MutationInput(IDictionary<string, object?> values)
{
    public T? Get<T>(string name) => values.TryGetValue(name, out var value) && value is T typed ? typed : default;

    public T Get<T>(string name, T fallback) =>
        values.TryGetValue(name, out var value) && value is T typed ? typed : fallback;

    public string Text(string name) => Get<string>(name) ?? string.Empty;

    public bool Has(string name) => values.ContainsKey(name);

    /// <summary>The key of the id in <paramref name="name"/>; false (with the coded error) when it is malformed or
    /// names another type.</summary>
    public bool TryId(string name, string type, out Guid key, out Error error)
    {
        error = GlobalId.Invalid(type, name);
        key = GlobalId.Key(Get<string>(name), type) ?? Guid.Empty;
        return key != Guid.Empty;
    }

    /// <summary>Like <see cref="TryId"/> for an optional id: null when absent.</summary>
    public bool TryOptionalId(string name, string type, out Guid? key, out Error error)
    {
        error = GlobalId.Invalid(type, name);
        key = null;
        if (Get<string>(name) is not { } text)
        {
            return true;
        }

        key = GlobalId.Key(text, type);
        return key is not null;
    }
}

/// <summary>Declares one mutation as the contract wants it: <c>name(input: NameInput!): NamePayload</c>, with its own
/// input and payload types (each with <c>clientMutationId</c>, the payload with <c>errors</c>).</summary>
public sealed class MutationDefinition
{
    private readonly FieldType _field;
    private readonly InputObjectGraphType _input;
    private readonly ObjectGraphType<MutationOutcome> _payload;
    private bool _inputRequired;

    internal MutationDefinition(ObjectGraphType mutation, string name, string description)
    {
        var pascal = char.ToUpperInvariant(name[0]) + name[1..];
        _input = new InputObjectGraphType { Name = pascal + "Input", Description = $"The input of `{name}`." };
        _input
            .Field<StringGraphType>("clientMutationId")
            .Description("Any string; the payload echoes it, so a client can match answers to requests.");
        _payload = new ObjectGraphType<MutationOutcome>
        {
            Name = pascal + "Payload",
            Description = $"The result of `{name}`: what it changed, or why it changed nothing.",
        };
        _payload
            .Field<StringGraphType>("clientMutationId")
            .Description("The input's clientMutationId.")
            .Resolve(c => c.Source.ClientMutationId);
        _payload
            .Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors")
            .Description("Expected failures, each with a code to switch on; empty on success.")
            .Resolve(c => c.Source.Errors);
        _field = mutation.Field(name, _payload).Description(description).FieldType;
    }

    /// <summary>An input field.</summary>
    public MutationDefinition Input<TGraph>(string name, string description, object? defaultValue = null)
        where TGraph : IGraphType
    {
        var field = _input.Field<TGraph>(name).Description(description);
        if (defaultValue is not null)
        {
            field.DefaultValue(defaultValue);
        }

        _inputRequired |=
            typeof(TGraph).IsGenericType && typeof(TGraph).GetGenericTypeDefinition() == typeof(NonNullGraphType<>);
        return this;
    }

    /// <summary>A payload field, filled from the outcome's value of the same name.</summary>
    public MutationDefinition Output<TGraph>(string name, string description)
        where TGraph : IGraphType
    {
        _payload
            .Field<TGraph>(name)
            .Description(description)
            .Resolve(c => c.Source.Values.TryGetValue(name, out var value) ? value : null);
        return this;
    }

    public void Resolve(Func<IResolveFieldContext, MutationInput, Task<MutationOutcome>> resolve)
    {
        var input = new QueryArgument(new NonNullGraphType(_input)) { Name = "input", Description = "What to change." };
        if (!_inputRequired)
        {
            // Every field is optional: the argument may be left out.
            input.DefaultValue = new Dictionary<string, object?>();
        }

        _field.Arguments = new QueryArguments(input);
        _field.Resolver = new global::GraphQL.Resolvers.FuncFieldResolver<object?>(async c =>
        {
            var values = c.GetArgument<Dictionary<string, object?>>("input") ?? [];
            var outcome = await resolve(c, new MutationInput(values));
            return outcome with
            {
                ClientMutationId = values.TryGetValue("clientMutationId", out var id) ? id as string : null,
            };
        });
    }
}

public static class MutationDefinitions
{
    public static MutationDefinition Define(this ObjectGraphType mutation, string name, string description)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        return new MutationDefinition(mutation, name, description);
    }

    /// <summary>The payload's failure for a failed use case (every kind, authorization included).</summary>
    public static MutationOutcome Failure<T>(this Result<T> result) => MutationOutcome.Failed(result.Errors);
}
