using GraphQL;
using GraphQL.Types;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Users;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Nodes;
using StreamEngine.Web.Hosting;

namespace StreamEngine.Web.GraphQL.Users;

/// <summary>The account mutations; each resolves its use case and maps the result to its payload.</summary>
public static class AccountMutations
{
    private const string Password = "At least 10 characters; not a common password; not your e-mail or handle.";

    public static void AddTo(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation
            .Define("register", "Creates an account with a password and signs it in; mails a verification code.")
            .Input<NonNullGraphType<StringGraphType>>("email", "The account's e-mail address.")
            .Input<NonNullGraphType<StringGraphType>>("password", Password)
            .Input<NonNullGraphType<StringGraphType>>("handle", "3 to 30 of a-z, 0-9, '_' and '.'.")
            .Input<NonNullGraphType<StringGraphType>>("displayName", "The name shown for the account.")
            .SignedIn()
            .Resolve(
                async (c, i) =>
                    SignIn(
                        c,
                        await c.Service<RegisterUser>()
                            .Handle(
                                new(
                                    i.Text("email"),
                                    i.Text("password"),
                                    i.Text("handle"),
                                    i.Text("displayName"),
                                    c.Caller().Device
                                ),
                                c.CancellationToken
                            )
                    )
            );
        mutation
            .Define("login", "Signs in with e-mail and password on this device; other devices stay signed in.")
            .Input<NonNullGraphType<StringGraphType>>("email", "The account's e-mail address.")
            .Input<NonNullGraphType<StringGraphType>>("password", "The account's password.")
            .SignedIn()
            .Resolve(
                async (c, i) =>
                    SignIn(
                        c,
                        await c.Service<LoginWithPassword>()
                            .Handle(
                                new(
                                    i.Text("email"),
                                    i.Text("password"),
                                    c.Caller().Device,
                                    c.Caller().CurrentUser.ClientAddress
                                ),
                                c.CancellationToken
                            )
                    )
            );
        mutation
            .Define(
                "refreshSession",
                "Trades a refresh token for a new access token and refresh token. Reusing a refresh token ends its "
                    + "session."
            )
            .Input<NonNullGraphType<StringGraphType>>("refreshToken", "The refresh token last returned.")
            .SignedIn()
            .Resolve(
                async (c, i) =>
                    SignIn(c, await c.Service<RefreshSession>().Handle(i.Text("refreshToken"), c.CancellationToken))
            );
        mutation
            .Define("signInWithGoogle", "Signs in with a Google ID token; links or creates the account.")
            .Input<NonNullGraphType<StringGraphType>>("idToken", "The ID token Google Identity Services gave the page.")
            .SignedIn()
            .Resolve(
                async (c, i) =>
                    SignIn(
                        c,
                        await c.Service<SignInWithGoogle>()
                            .Handle(new(i.Text("idToken"), c.Caller().Device), c.CancellationToken)
                    )
            );
        mutation
            .Define(
                "resetPassword",
                "Sets a new password with the reset link's token or code, ends every session, and signs in."
            )
            .Input<NonNullGraphType<StringGraphType>>(
                "token",
                "The token from the e-mail's link, or its six-digit code."
            )
            .Input<NonNullGraphType<StringGraphType>>("newPassword", Password)
            .Input<StringGraphType>("email", "Required with a six-digit code: the address it was sent to.")
            .SignedIn()
            .Resolve(
                async (c, i) =>
                    SignIn(
                        c,
                        await c.Service<ResetPassword>()
                            .Handle(
                                new(
                                    i.Text("token"),
                                    i.Get<string>("email"),
                                    i.Text("newPassword"),
                                    c.Caller().Device,
                                    c.Caller().CurrentUser.ClientAddress
                                ),
                                c.CancellationToken
                            )
                    )
            );

        foreach (var (name, everywhere) in new[] { ("logout", false), ("logoutEverywhere", true) })
        {
            mutation
                .Define(
                    name,
                    everywhere ? "Ends every session of this account, this one included." : "Ends this session."
                )
                .Output<IntGraphType>("sessionsEnded", "How many sessions were ended.")
                .Resolve(
                    async (c, _) =>
                    {
                        var result = await c.Service<Logout>().Handle(everywhere, c.CancellationToken);
                        return result.Succeeded
                            ? MutationOutcome.Ok(("sessionsEnded", result.Value))
                            : result.Failure();
                    }
                );
        }

        mutation
            .Define(
                "requestEmailVerification",
                "Mails a new verification link and code to the signed-in account (at most one a minute, five an hour)."
            )
            .ViewerOutput()
            .Resolve(async (c, _) => Viewer(await c.Service<RequestEmailVerification>().Handle(c.CancellationToken)));
        mutation
            .Define("verifyEmail", "Verifies the e-mail address with the link's token or the six-digit code.")
            .Input<NonNullGraphType<StringGraphType>>(
                "token",
                "The token from the e-mail's link, or its six-digit code."
            )
            .Input<StringGraphType>("email", "With a six-digit code when not signed in: the address it was sent to.")
            .Output<UserType>("user", "The verified account as others see it.")
            .Output<ViewerType>("viewer", "The verified account, when you are signed in as it; else null.")
            .Resolve(
                async (c, i) =>
                {
                    var result = await c.Service<VerifyEmail>()
                        .Handle(
                            new(i.Text("token"), i.Get<string>("email"), c.Caller().CurrentUser.ClientAddress),
                            c.CancellationToken
                        );
                    return result.Succeeded
                        ? MutationOutcome.Ok(
                            ("user", result.Value),
                            (
                                "viewer",
                                c.Service<ICurrentUser>().UserId == result.Value.Id
                                    ? new ViewerView(result.Value)
                                    : null
                            )
                        )
                        : result.Failure();
                }
            );
        mutation
            .Define("changePassword", "Changes the password and ends every other session.")
            .Input<NonNullGraphType<StringGraphType>>("currentPassword", "The password now.")
            .Input<NonNullGraphType<StringGraphType>>("newPassword", Password)
            .ViewerOutput()
            .Resolve(
                async (c, i) =>
                    Viewer(
                        await c.Service<ChangePassword>()
                            .Handle(new(i.Text("currentPassword"), i.Text("newPassword")), c.CancellationToken)
                    )
            );
        mutation
            .Define("requestPasswordReset", "Mails a reset link and code if an account has this address.")
            .Input<NonNullGraphType<StringGraphType>>("email", "The account's e-mail address.")
            .Output<BooleanGraphType>(
                "accepted",
                "True whether or not an account has this address, so nobody can probe for accounts."
            )
            .Resolve(
                async (c, i) =>
                {
                    var result = await c.Service<RequestPasswordReset>().Handle(i.Text("email"), c.CancellationToken);
                    return result.Succeeded ? MutationOutcome.Ok(("accepted", true)) : result.Failure();
                }
            );
        mutation
            .Define(
                "updateProfile",
                "Changes display name, bio or handle; fields left out stay, an empty bio clears it."
            )
            .Input<StringGraphType>("displayName", "The name shown for the account.")
            .Input<StringGraphType>("bio", "A few words about the account; empty to clear it.")
            .Input<StringGraphType>("handle", "3 to 30 of a-z, 0-9, '_' and '.'.")
            .ViewerOutput()
            .Output<UserType>("user", "The account as others now see it.")
            .Output<Channels.ChannelType>("channel", "The account's channel as others now see it.")
            .Resolve(
                async (c, i) =>
                    Profile(
                        await c.Service<UpdateProfile>()
                            .Handle(
                                new(i.Get<string>("displayName"), i.Get<string>("bio"), i.Get<string>("handle")),
                                c.CancellationToken
                            )
                    )
            );
        mutation
            .Define(
                "deleteAccount",
                "Deletes your account with everything it has: videos and their files, comments, likes, playlists, "
                    + "subscriptions, history, sessions. Password accounts confirm with the password."
            )
            .Input<StringGraphType>("password", "The account's password (password accounts only).")
            .Output<IdGraphType>("deletedUserId", "The id the account's User had.")
            .Output<IdGraphType>("deletedChannelId", "The id the account's Channel had.")
            .Resolve(
                async (c, i) =>
                {
                    var result = await c.Service<DeleteAccount>()
                        .Handle(i.Get<string>("password"), c.CancellationToken);
                    return result.Succeeded
                        ? MutationOutcome.Ok(
                            ("deletedUserId", GlobalId.Of(NodeTypes.User, result.Value)),
                            ("deletedChannelId", GlobalId.Of(NodeTypes.Channel, result.Value))
                        )
                        : result.Failure();
                }
            );
    }

    /// <summary>The payload fields of a mutation that signs in.</summary>
    private static MutationDefinition SignedIn(this MutationDefinition definition) =>
        definition
            .Output<StringGraphType>(
                "accessToken",
                "Send as 'Authorization: Bearer <token>' (HTTP) or in connection_init's payload (WebSocket)."
            )
            .Output<DateTimeType>("accessTokenExpiresAt", "When the access token stops working.")
            .Output<StringGraphType>("refreshToken", "Single use: refreshSession returns the next one. Keep it secret.")
            .Output<ViewerType>("viewer", "The signed-in account.");

    /// <summary>The payload field of a mutation that changes the signed-in account.</summary>
    public static MutationDefinition ViewerOutput(this MutationDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Output<ViewerType>("viewer", "The signed-in account as it is now.");
    }

    private static MutationOutcome Profile(Result<User> result) =>
        result.Succeeded
            ? MutationOutcome.Ok(
                ("viewer", new ViewerView(result.Value)),
                ("user", result.Value),
                ("channel", new ChannelView(result.Value))
            )
            : result.Failure();

    public static MutationOutcome Viewer(Result<User> result) =>
        result.Succeeded ? MutationOutcome.Ok(("viewer", new ViewerView(result.Value))) : result.Failure();

    /// <summary>On success the request continues as the new session, so the rest of the operation sees it.</summary>
    private static MutationOutcome SignIn(IResolveFieldContext context, Result<AuthResult> result)
    {
        if (!result.Succeeded)
        {
            return result.Failure();
        }

        var auth = result.Value;
        context.Service<CurrentUser>().SignIn(new TokenPrincipal(auth.User.Id, auth.SessionId));
        return MutationOutcome.Ok(
            ("accessToken", auth.AccessToken.Value),
            ("accessTokenExpiresAt", auth.AccessToken.ExpiresAt),
            ("refreshToken", auth.RefreshToken),
            ("viewer", new ViewerView(auth.User))
        );
    }
}
