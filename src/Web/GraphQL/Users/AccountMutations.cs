using GraphQL;
using GraphQL.Types;
using StreamEngine.Application.Users;
using StreamEngine.Web.GraphQL.Common;

namespace StreamEngine.Web.GraphQL.Users;

/// <summary>The account mutations; each resolves its use case and maps the result to a payload.</summary>
public static class AccountMutations
{
    public static void AddTo(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);

        mutation
            .Field<NonNullGraphType<AuthPayloadType>>("register")
            .Description("Creates an account with a password and signs it in; mails a verification code.")
            .Argument<NonNullGraphType<RegisterInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RegisterInput>("input");
                var result = await c.Service<RegisterUser>()
                    .Handle(
                        new RegisterRequest(
                            input.Email,
                            input.Password,
                            input.Handle,
                            input.DisplayName,
                            c.Caller().Device
                        ),
                        c.CancellationToken
                    );
                return AuthPayloadType.From(c, result);
            });

        mutation
            .Field<NonNullGraphType<AuthPayloadType>>("login")
            .Description("Signs in with e-mail and password on this device; other devices stay signed in.")
            .Argument<NonNullGraphType<LoginInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<LoginInput>("input");
                var result = await c.Service<LoginWithPassword>()
                    .Handle(
                        new LoginRequest(
                            input.Email,
                            input.Password,
                            c.Caller().Device,
                            c.Caller().CurrentUser.ClientAddress
                        ),
                        c.CancellationToken
                    );
                return AuthPayloadType.From(c, result);
            });

        mutation
            .Field<NonNullGraphType<AuthPayloadType>>("refreshSession")
            .Description(
                "Trades a refresh token for a new access token and refresh token. Reusing a refresh token ends "
                    + "its session."
            )
            .Argument<NonNullGraphType<StringGraphType>>("refreshToken")
            .ResolveAsync(async c =>
                AuthPayloadType.From(
                    c,
                    await c.Service<RefreshSession>().Handle(c.GetArgument<string>("refreshToken"), c.CancellationToken)
                )
            );

        mutation
            .Field<NonNullGraphType<LogoutPayloadType>>("logout")
            .Description("Ends this session.")
            .ResolveAsync(async c =>
            {
                var result = await c.Service<Logout>().Handle(everywhere: false, c.CancellationToken);
                return new LogoutPayload(result.Value, result.PayloadErrors());
            });

        mutation
            .Field<NonNullGraphType<LogoutPayloadType>>("logoutEverywhere")
            .Description("Ends every session of this account, this one included.")
            .ResolveAsync(async c =>
            {
                var result = await c.Service<Logout>().Handle(everywhere: true, c.CancellationToken);
                return new LogoutPayload(result.Value, result.PayloadErrors());
            });

        mutation
            .Field<NonNullGraphType<UserPayloadType>>("requestEmailVerification")
            .Description(
                "Mails a new verification link and code to the signed-in user (at most one a minute, five an hour)."
            )
            .ResolveAsync(async c =>
                UserPayloadType.From(await c.Service<RequestEmailVerification>().Handle(c.CancellationToken))
            );

        mutation
            .Field<NonNullGraphType<UserPayloadType>>("verifyEmail")
            .Description("Verifies the e-mail address with the link's token or the six-digit code.")
            .Argument<NonNullGraphType<VerifyEmailInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<VerifyEmailInput>("input");
                var result = await c.Service<VerifyEmail>()
                    .Handle(
                        new VerifyEmailRequest(input.Token, input.Email, c.Caller().CurrentUser.ClientAddress),
                        c.CancellationToken
                    );
                return UserPayloadType.From(result);
            });

        mutation
            .Field<NonNullGraphType<AuthPayloadType>>("signInWithGoogle")
            .Description("Signs in with a Google ID token; links or creates the account.")
            .Argument<NonNullGraphType<StringGraphType>>("idToken")
            .ResolveAsync(async c =>
                AuthPayloadType.From(
                    c,
                    await c.Service<SignInWithGoogle>()
                        .Handle(
                            new GoogleSignInRequest(c.GetArgument<string>("idToken"), c.Caller().Device),
                            c.CancellationToken
                        )
                )
            );

        mutation
            .Field<NonNullGraphType<UserPayloadType>>("changePassword")
            .Description("Changes the password and ends every other session.")
            .Argument<NonNullGraphType<ChangePasswordInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<ChangePasswordInput>("input");
                return UserPayloadType.From(
                    await c.Service<ChangePassword>()
                        .Handle(
                            new ChangePasswordRequest(input.CurrentPassword, input.NewPassword),
                            c.CancellationToken
                        )
                );
            });

        mutation
            .Field<NonNullGraphType<RequestPasswordResetPayloadType>>("requestPasswordReset")
            .Description("Mails a reset link and code if an account has this address.")
            .Argument<NonNullGraphType<StringGraphType>>("email")
            .ResolveAsync(async c =>
            {
                var result = await c.Service<RequestPasswordReset>()
                    .Handle(c.GetArgument<string>("email"), c.CancellationToken);
                return new RequestPasswordResetPayload(result.Succeeded, result.PayloadErrors());
            });

        mutation
            .Field<NonNullGraphType<AuthPayloadType>>("resetPassword")
            .Description("Sets a new password with the reset link's token or code, ends every session, and signs in.")
            .Argument<NonNullGraphType<ResetPasswordInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<ResetPasswordInput>("input");
                return AuthPayloadType.From(
                    c,
                    await c.Service<ResetPassword>()
                        .Handle(
                            new ResetPasswordRequest(
                                input.Token,
                                input.Email,
                                input.NewPassword,
                                c.Caller().Device,
                                c.Caller().CurrentUser.ClientAddress
                            ),
                            c.CancellationToken
                        )
                );
            });

        mutation
            .Field<NonNullGraphType<UserPayloadType>>("updateProfile")
            .Description("Changes display name, bio or handle.")
            .Argument<NonNullGraphType<UpdateProfileInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<UpdateProfileInput>("input");
                return UserPayloadType.From(
                    await c.Service<UpdateProfile>()
                        .Handle(
                            new UpdateProfileRequest(input.DisplayName, input.Bio, input.Handle),
                            c.CancellationToken
                        )
                );
            });
    }
}
