using GraphQL.Types;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Users;
using StreamEngine.Web.GraphQL.Users;

namespace StreamEngine.Web.GraphQL.Common;

/// <summary>A mutation's result: the value on success and the expected failures.</summary>
public sealed record Payload<T>(T? Value, IReadOnlyList<Error> Errors);

/// <summary>A payload type with one field for the value and the <c>errors</c> list.</summary>
public abstract class PayloadGraphType<TGraph, T> : ObjectGraphType<Payload<T>>
    where TGraph : IGraphType
{
    protected PayloadGraphType(string name, string field)
    {
        Name = name;
        Field<TGraph>(field).Resolve(c => c.Source.Value);
        this.AddErrorsField(p => p.Errors);
    }
}

/// <summary>Turns use-case results into payloads (authorization failures become GraphQL errors).</summary>
public static class Payloads
{
    public static Payload<T> Of<T>(Result<T> result) =>
        new(result.Succeeded ? result.Value : default, result.PayloadErrors());

    public static Payload<T> Of<T>(Error error) => Of(Result<T>.Failure(error));

    public static UserPayload User(Result<User> result) =>
        new(result.Succeeded ? result.Value : null, result.PayloadErrors());

    /// <summary>A query's value, or a GraphQL error with the failure's code (INVALID_PAGE, INVALID_CURSOR,
    /// NOT_AUTHENTICATED): queries have no payload to carry errors in.</summary>
    public static T ValueOrError<T>(this Result<T> result)
    {
        if (result.Succeeded)
        {
            return result.Value;
        }

        var error = result.Errors[0];
        throw new global::GraphQL.ExecutionError(error.Message) { Code = error.Code };
    }
}
