using GraphQL;
using GraphQL.Types;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Users;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.Hosting;

namespace StreamEngine.Web.GraphQL.Users;

public sealed record AuthPayload(AuthResult? Auth, IReadOnlyList<Error> Errors);

public sealed class AuthPayloadType : ObjectGraphType<AuthPayload>
{
    public AuthPayloadType()
    {
        Name = "AuthPayload";
        Description = "A signed-in session, or the reasons it was refused.";
        Field<StringGraphType>("accessToken")
            .Description("Send as 'Authorization: Bearer <token>' (HTTP) or in connection_init's payload (WebSocket).")
            .Resolve(c => c.Source.Auth?.AccessToken.Value);
        Field<DateTimeType>("accessTokenExpiresAt").Resolve(c => c.Source.Auth?.AccessToken.ExpiresAt);
        Field<StringGraphType>("refreshToken")
            .Description("Single use: refreshSession returns the next one. Keep it secret.")
            .Resolve(c => c.Source.Auth?.RefreshToken);
        Field<UserType>("user").Resolve(c => c.Source.Auth?.User);
        this.AddErrorsField(p => p.Errors);
    }

    /// <summary>On success the request continues as the new session, so the payload's user shows its own
    /// e-mail.</summary>
    public static AuthPayload From(IResolveFieldContext context, Result<AuthResult> result)
    {
        if (result.Succeeded)
        {
            context.Service<CurrentUser>().SignIn(new TokenPrincipal(result.Value.User.Id, result.Value.SessionId));
        }

        return new(result.Succeeded ? result.Value : null, result.PayloadErrors());
    }
}

public sealed record UserPayload(User? User, IReadOnlyList<Error> Errors);

public sealed class UserPayloadType : ObjectGraphType<UserPayload>
{
    public UserPayloadType()
    {
        Name = "UserPayload";
        Field<UserType>("user").Resolve(c => c.Source.User);
        this.AddErrorsField(p => p.Errors);
    }

    public static UserPayload From(Result<User> result) =>
        new(result.Succeeded ? result.Value : null, result.PayloadErrors());
}

public sealed record LogoutPayload(int SessionsEnded, IReadOnlyList<Error> Errors);

public sealed class LogoutPayloadType : ObjectGraphType<LogoutPayload>
{
    public LogoutPayloadType()
    {
        Name = "LogoutPayload";
        Field(p => p.SessionsEnded).Description("How many sessions were ended.");
        this.AddErrorsField(p => p.Errors);
    }
}

public sealed record RequestPasswordResetPayload(bool Accepted, IReadOnlyList<Error> Errors);

public sealed class RequestPasswordResetPayloadType : ObjectGraphType<RequestPasswordResetPayload>
{
    public RequestPasswordResetPayloadType()
    {
        Name = "RequestPasswordResetPayload";
        Field(p => p.Accepted)
            .Description("True whether or not an account has this address, so nobody can probe for accounts.");
        this.AddErrorsField(p => p.Errors);
    }
}
