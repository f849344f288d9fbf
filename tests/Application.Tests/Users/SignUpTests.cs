using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Users;
using StreamEngine.Fakes;

namespace StreamEngine.Application.Tests.Users;

public sealed class RegisterUserTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    private static RegisterRequest Request(string email = "ann@example.com", string handle = "ann_films") =>
        new(email, UseCaseWorld.Password, handle, "Ann", "laptop");

    [Fact]
    public async Task A_new_account_is_signed_in_and_mailed_a_verification_code()
    {
        var result = await _world.Get<RegisterUser>().Handle(Request(), default);

        Assert.True(result.Succeeded);
        Assert.Single(_world.Sessions.All);
        Assert.Equal("ann@example.com", Assert.Single(_world.Email.Sent).To);
        Assert.Equal(6, Mail.Code(_world.Email).Length);
    }

    [Fact]
    public async Task A_taken_address_and_handle_are_both_reported_and_nothing_is_added()
    {
        await _world.Get<RegisterUser>().Handle(Request(), default);

        var again = await _world.Get<RegisterUser>().Handle(Request(), default);

        Assert.Equal(["EMAIL_TAKEN", "HANDLE_TAKEN"], again.Errors.Select(e => e.Code));
        Assert.Single(_world.Users.All);
    }

    [Fact]
    public async Task Invalid_fields_are_reported_together_before_anything_is_hashed()
    {
        var result = await _world.Get<RegisterUser>().Handle(new("not-an-email", "short", "!", "", null), default);

        Assert.Equal(
            ["INVALID_EMAIL", "INVALID_HANDLE", "INVALID_DISPLAY_NAME", "WEAK_PASSWORD"],
            result.Errors.Select(e => e.Code)
        );
        Assert.Empty(_world.Users.All);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class LoginWithPasswordTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task The_right_password_signs_in_and_a_wrong_one_or_an_unknown_address_answer_alike()
    {
        _world.AddUser();
        var login = _world.Get<LoginWithPassword>();

        var right = await login.Handle(
            new("ann_films@example.com", UseCaseWorld.Password, null, "198.51.100.1"),
            default
        );
        var wrong = await login.Handle(new("ann_films@example.com", "wrong-password-1", null, "198.51.100.1"), default);
        var unknown = await login.Handle(new("nobody@example.com", "wrong-password-1", null, "198.51.100.1"), default);

        Assert.True(right.Succeeded);
        Assert.Equal(wrong.Errors[0], unknown.Errors[0]);
        Assert.Equal("INVALID_CREDENTIALS", wrong.Errors[0].Code);
    }

    [Fact]
    public async Task An_address_out_of_attempts_is_refused_before_the_password_is_checked()
    {
        _world.AddUser();
        _world.Limiter.Limit = 0;

        var result = await _world
            .Get<LoginWithPassword>()
            .Handle(new("ann_films@example.com", UseCaseWorld.Password, null, "198.51.100.1"), default);

        Assert.Equal("TOO_MANY_ATTEMPTS", result.Errors[0].Code);
        Assert.Equal(0, _world.Hasher.Verifications);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class SignInWithGoogleTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    private void GoogleSays(string token, string subject, string email) =>
        _world.Google.Identities[token] = new GoogleVerification(
            new GoogleIdentity(subject, email, true, "Ann Lee"),
            GoogleTokenProblem.None
        );

    [Fact]
    public async Task A_new_google_user_gets_an_account_and_the_same_subject_signs_into_it_again()
    {
        GoogleSays("t1", "sub-1", "ann@gmail.com");

        var first = await _world.Get<SignInWithGoogle>().Handle(new("t1", null), default);
        var second = await _world.Get<SignInWithGoogle>().Handle(new("t1", null), default);

        Assert.Equal(first.Value!.User.Id, second.Value!.User.Id);
        Assert.Single(_world.Users.All);
        Assert.Equal("ann_lee", first.Value.User.Handle);
    }

    [Fact]
    public async Task An_unverified_password_account_with_the_address_is_not_taken_over()
    {
        _world.AddUser("ann");
        GoogleSays("t1", "sub-1", "ann@example.com");

        var result = await _world.Get<SignInWithGoogle>().Handle(new("t1", null), default);

        Assert.Equal("ACCOUNT_EXISTS_UNVERIFIED", result.Errors[0].Code);
        Assert.Null(_world.Users.All[0].GoogleSubject);
    }

    [Fact]
    public async Task A_token_google_refuses_is_refused()
    {
        var result = await _world.Get<SignInWithGoogle>().Handle(new("forged", null), default);

        Assert.Equal("TOKEN_INVALID", result.Errors[0].Code);
        Assert.Empty(_world.Users.All);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class UpdateProfileTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_taken_handle_is_refused_with_nothing_changed_and_a_free_one_is_taken()
    {
        _world.AddUser("bob_films");
        var me = _world.SignIn();

        var taken = await _world.Get<UpdateProfile>().Handle(new("Ann L", null, "bob_films"), default);
        var free = await _world.Get<UpdateProfile>().Handle(new("Ann L", "Films.", "ann_lee"), default);

        Assert.Equal("HANDLE_TAKEN", taken.Errors[0].Code);
        Assert.Equal("ann_lee", free.Value!.Handle);
        Assert.Equal("Ann L", me.DisplayName);
    }

    public void Dispose() => _world.Dispose();
}
