using System.Net;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests.Accounts;

public sealed class RegistrationAndLoginTests : IClassFixture<StreamEngineApp>
{
    private readonly StreamEngineApp _app;
    private readonly GraphQLClient _client;

    public RegistrationAndLoginTests(StreamEngineApp app)
    {
        _app = app;
        _client = app.CreateGraphQLClient();
    }

    [Fact]
    public async Task Registering_signs_the_user_in_and_me_shows_their_own_email()
    {
        var email = AccountClient.UniqueEmail("Alice");
        var response = await _client.RegisterAsync(
            email.ToUpperInvariant(),
            "Alice_" + Guid.NewGuid().ToString("N")[..6]
        );
        var session = response.Session("register", email);
        var me = (await _client.MeAsync(session.AccessToken)).Ok()["me"]!;

        Assert.Equal(email, me["email"]!.GetValue<string>());
        Assert.False(me["emailVerified"]!.GetValue<bool>());
        Assert.StartsWith("alice_", me["user"]!["handle"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_me_is_null_and_a_stranger_sees_no_email()
    {
        var alice = await _client.SignUpAsync("alice");
        var bob = await _client.SignUpAsync("bob");
        var handle = (await _client.MeAsync(alice.AccessToken)).Ok()["me"]!["user"]!["handle"]!.GetValue<string>();

        _client.AccessToken = bob.AccessToken;
        var seenByBob = (
            await _client.SendAsync("query($h: String!) { user(handle: $h) { id } }", new { h = handle })
        ).Ok()["user"]!;
        var emailOfAlice = await _client.SendAsync(
            "query($h: String!) { user(handle: $h) { email } }",
            new { h = handle }
        );
        _client.AccessToken = null;
        var anonymousMe = (await _client.SendAsync("{ me: viewer { user { id } } }")).Ok()["me"];

        // The e-mail address is on Viewer only: no query can ask for someone else's.
        Assert.Equal(alice.UserId, seenByBob["id"]!.GetValue<string>());
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], emailOfAlice.ErrorCodes);
        Assert.Null(anonymousMe);
    }

    [Fact]
    public async Task Registering_a_taken_email_or_handle_fails_with_its_code_and_field()
    {
        var email = AccountClient.UniqueEmail("taken");
        var handle = AccountClient.UniqueHandle("taken");
        await _client.RegisterAsync(email, handle);

        var sameEmail = await _client.RegisterAsync(email, AccountClient.UniqueHandle("other"));
        var sameHandle = await _client.RegisterAsync(AccountClient.UniqueEmail("other"), handle.ToUpperInvariant());

        Assert.Equal(["EMAIL_TAKEN"], sameEmail.PayloadErrorCodes("register"));
        Assert.Equal("email", sameEmail.Ok()["register"]!["errors"]![0]!["field"]![1]!.GetValue<string>());
        Assert.Equal(["HANDLE_TAKEN"], sameHandle.PayloadErrorCodes("register"));
        Assert.Null(sameHandle.Ok()["register"]!["accessToken"]);
    }

    [Theory]
    [InlineData("short1!")]
    [InlineData("password123")]
    [InlineData("aaaaaaaaaaaaaa")]
    [InlineData("{local}-is-my-password")]
    public async Task Registering_with_a_weak_password_fails_with_weak_password(string password)
    {
        var email = AccountClient.UniqueEmail("weak");
        var response = await _client.RegisterAsync(
            email,
            password: password.Replace("{local}", email.Split('@')[0], StringComparison.Ordinal)
        );

        Assert.Equal(["WEAK_PASSWORD"], response.PayloadErrorCodes("register"));
        Assert.Equal(["INVALID_CREDENTIALS"], (await _client.LoginAsync(email, password)).PayloadErrorCodes("login"));
    }

    [Fact]
    public async Task Registering_with_malformed_fields_reports_every_field()
    {
        var response = await _client.SendAsync(
            "mutation { register(input: { email: \"not-an-email\", password: \"x\", handle: \"a\", displayName: "
                + "\"\" }) { errors { code field } } }"
        );

        var codes = response.PayloadErrorCodes("register");
        Assert.Equal(["INVALID_EMAIL", "INVALID_HANDLE", "INVALID_DISPLAY_NAME", "WEAK_PASSWORD"], codes);
    }

    [Fact]
    public async Task Logging_in_with_a_wrong_password_or_unknown_email_gives_the_same_answer()
    {
        var user = await _client.SignUpAsync("login");

        var wrongPassword = await _client.LoginAsync(user.Email, "not-the-password-1");
        var unknown = await _client.LoginAsync(AccountClient.UniqueEmail("nobody"));
        var right = await _client.LoginAsync(user.Email.ToUpperInvariant());

        Assert.Equal(["INVALID_CREDENTIALS"], wrongPassword.PayloadErrorCodes("login"));
        Assert.Equal(["INVALID_CREDENTIALS"], unknown.PayloadErrorCodes("login"));
        Assert.Equal(
            wrongPassword.Ok()["login"]!["errors"]![0]!["message"]!.GetValue<string>(),
            unknown.Ok()["login"]!["errors"]![0]!["message"]!.GetValue<string>()
        );
        Assert.Empty(right.PayloadErrorCodes("login"));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_a_while_even_for_the_right_one()
    {
        var user = await _client.SignUpAsync("locked");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(
                ["INVALID_CREDENTIALS"],
                (await _client.LoginAsync(user.Email, "wrong-password-" + i)).PayloadErrorCodes("login")
            );
        }

        var locked = await _client.LoginAsync(user.Email);
        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        var unlocked = await _client.LoginAsync(user.Email);

        Assert.Equal(["TOO_MANY_ATTEMPTS"], locked.PayloadErrorCodes("login"));
        Assert.Empty(unlocked.PayloadErrorCodes("login"));
    }

    [Fact]
    public async Task Two_devices_stay_signed_in_independently_and_logout_ends_only_this_one()
    {
        var user = await _client.SignUpAsync("devices");
        var laptop = (await _client.LoginAsync(user.Email)).Session("login", user.Email);
        var phone = (await _client.LoginAsync(user.Email)).Session("login", user.Email);

        _client.AccessToken = laptop.AccessToken;
        var logout = (await _client.SendAsync("mutation { logout { sessionsEnded errors { code } } }")).Ok()["logout"]!;
        _client.AccessToken = null;

        Assert.Equal(1, logout["sessionsEnded"]!.GetValue<int>());
        var laptopAfter = await _client.MeAsync(laptop.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, laptopAfter.Status);
        Assert.Equal(["TOKEN_INVALID"], laptopAfter.ErrorCodes);
        Assert.Equal(
            user.UserId,
            (await _client.MeAsync(phone.AccessToken)).Ok()["me"]!["user"]!["id"]!.GetValue<string>()
        );
        Assert.Equal(
            ["TOKEN_INVALID"],
            (await _client.RefreshAsync(laptop.RefreshToken)).PayloadErrorCodes("refreshSession")
        );
        Assert.Empty((await _client.RefreshAsync(phone.RefreshToken)).PayloadErrorCodes("refreshSession"));
    }

    [Fact]
    public async Task Logout_everywhere_ends_every_session()
    {
        var user = await _client.SignUpAsync("everywhere");
        var other = (await _client.LoginAsync(user.Email)).Session("login", user.Email);

        _client.AccessToken = user.AccessToken;
        var ended = (await _client.SendAsync("mutation { logoutEverywhere { sessionsEnded } }")).Ok()[
            "logoutEverywhere"
        ]!["sessionsEnded"]!.GetValue<int>();
        _client.AccessToken = null;

        Assert.Equal(2, ended);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.MeAsync(user.AccessToken)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.MeAsync(other.AccessToken)).Status);
    }

    [Fact]
    public async Task Logout_without_signing_in_is_a_not_authenticated_error()
    {
        var response = await _client.SendAsync("mutation { logout { sessionsEnded errors { code } } }");

        Assert.Equal(["NOT_AUTHENTICATED"], response.MutationErrorCodes);
    }

    [Fact]
    public async Task An_expired_access_token_is_refused_with_token_expired_and_refresh_gives_a_new_one()
    {
        var user = await _client.SignUpAsync("expiry");
        _app.Clock.Advance(TimeSpan.FromMinutes(16));

        var expired = await _client.MeAsync(user.AccessToken);
        var refreshed = (await _client.RefreshAsync(user.RefreshToken)).Session("refreshSession", user.Email);

        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        Assert.Equal(["TOKEN_EXPIRED"], expired.ErrorCodes);
        Assert.Equal(
            user.UserId,
            (await _client.MeAsync(refreshed.AccessToken)).Ok()["me"]!["user"]!["id"]!.GetValue<string>()
        );
    }
}
