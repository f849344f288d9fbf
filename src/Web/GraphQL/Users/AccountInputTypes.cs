using GraphQL.Types;

namespace StreamEngine.Web.GraphQL.Users;

public sealed class RegisterInput
{
    public string Email { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;

    public string Handle { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;
}

public sealed class RegisterInputType : InputObjectGraphType<RegisterInput>
{
    public RegisterInputType()
    {
        Name = "RegisterInput";
        Field(x => x.Email);
        Field(x => x.Password).Description("At least 10 characters; not a common password; not your e-mail or handle.");
        Field(x => x.Handle).Description("3 to 30 of a-z, 0-9, '_' and '.'.");
        Field(x => x.DisplayName);
    }
}

public sealed class LoginInput
{
    public string Email { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;
}

public sealed class LoginInputType : InputObjectGraphType<LoginInput>
{
    public LoginInputType()
    {
        Name = "LoginInput";
        Field(x => x.Email);
        Field(x => x.Password);
    }
}

public sealed class VerifyEmailInput
{
    public string Token { get; set; } = string.Empty;

    public string? Email { get; set; }
}

public sealed class VerifyEmailInputType : InputObjectGraphType<VerifyEmailInput>
{
    public VerifyEmailInputType()
    {
        Name = "VerifyEmailInput";
        Field(x => x.Token).Description("The token from the e-mail's link, or its six-digit code.");
        Field(x => x.Email, nullable: true)
            .Description("With a six-digit code when not signed in: the address it was sent to.");
    }
}

public sealed class ChangePasswordInput
{
    public string CurrentPassword { get; set; } = string.Empty;

    public string NewPassword { get; set; } = string.Empty;
}

public sealed class ChangePasswordInputType : InputObjectGraphType<ChangePasswordInput>
{
    public ChangePasswordInputType()
    {
        Name = "ChangePasswordInput";
        Field(x => x.CurrentPassword);
        Field(x => x.NewPassword);
    }
}

public sealed class ResetPasswordInput
{
    public string Token { get; set; } = string.Empty;

    public string NewPassword { get; set; } = string.Empty;

    public string? Email { get; set; }
}

public sealed class ResetPasswordInputType : InputObjectGraphType<ResetPasswordInput>
{
    public ResetPasswordInputType()
    {
        Name = "ResetPasswordInput";
        Field(x => x.Token).Description("The token from the e-mail's link, or its six-digit code.");
        Field(x => x.NewPassword);
        Field(x => x.Email, nullable: true).Description("Required with a six-digit code: the address it was sent to.");
    }
}

public sealed class UpdateProfileInput
{
    public string? DisplayName { get; set; }

    public string? Bio { get; set; }

    public string? Handle { get; set; }
}

public sealed class UpdateProfileInputType : InputObjectGraphType<UpdateProfileInput>
{
    public UpdateProfileInputType()
    {
        Name = "UpdateProfileInput";
        Description = "Fields left out stay as they are. An empty bio clears it.";
        Field(x => x.DisplayName, nullable: true);
        Field(x => x.Bio, nullable: true);
        Field(x => x.Handle, nullable: true);
    }
}
