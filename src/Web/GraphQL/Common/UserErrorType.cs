using GraphQL;
using GraphQL.Types;
using StreamEngine.Application.Common;
using StreamEngine.Web.GraphQL.Transport;

namespace StreamEngine.Web.GraphQL.Common;

public sealed class UserErrorType : ObjectGraphType<Error>
{
    public UserErrorType()
    {
        Name = "UserError";
        Description = "An expected failure of a mutation, with a stable code.";
        Field(e => e.Code).Description("Stable machine-readable code, e.g. EMAIL_TAKEN.");
        Field(e => e.Message).Description("A sentence for people.");
        Field(e => e.Field, nullable: true).Description("The input field at fault, when there is exactly one.");
    }
}

/// <summary>The <c>errors: [UserError!]!</c> field every payload has.</summary>
public static class PayloadErrorsField
{
    public static void AddErrorsField<T>(this ObjectGraphType<T> payload, Func<T, IReadOnlyList<Error>> errors)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(errors);
        payload
            .Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors")
            .Description("Expected failures, each with a stable code; empty on success.")
            .Resolve(c => errors(c.Source));
    }
}

/// <summary>Helpers shared by resolvers.</summary>
public static class ResolverExtensions
{
    public static T Service<T>(this IResolveFieldContext context)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestServices!.GetRequiredService<T>();
    }

    public static GraphQLUserContext Caller(this IResolveFieldContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (GraphQLUserContext)context.UserContext;
    }

    /// <summary>Authorization failures become GraphQL errors with extensions.code; other expected failures stay in
    /// the payload's <c>errors</c>.</summary>
    public static IReadOnlyList<Error> PayloadErrors<T>(this Result<T> result)
    {
        var authorization = result.Errors.FirstOrDefault(e =>
            e.Kind is ErrorKind.Unauthenticated or ErrorKind.Forbidden
        );
        if (authorization is not null)
        {
            throw new ExecutionError(authorization.Message) { Code = authorization.Code };
        }

        return result.Errors;
    }
}
