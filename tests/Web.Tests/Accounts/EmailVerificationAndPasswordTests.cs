using System.Text.RegularExpressions;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests.Accounts;

/// <summary>Verification and password reset end to end through a real SMTP server (smtp4dev).</summary>
public sealed partial class EmailVerificationAndPasswordTests
    : IClassFixture<EmailVerificationAndPasswordTests.App>,
        IDisposable
{
    private readonly App _app;
    private readonly GraphQLClient _client;
    private readonly Smtp4dev _mailbox = new();

    public EmailVerificationAndPasswordTests(App app)
    {
        _app = app;
        _client = app.CreateGraphQLClient();
    }

    public sealed class App() : StreamEngineApp(Smtp4dev.ServerSettings());

    public void Dispose() => _mailbox.Dispose();

    [Fact]
    public async Task Registration_mails_a_code_that_verifies_the_address()
    {
        var user = await _client.SignUpAsync("verify");
        var (subject, text) = await _mailbox.WaitForMessageAsync(user.Email, TimeSpan.FromSeconds(30));
        var code = CodeIn(text);

        _client.AccessToken = user.AccessToken;
        var verified = await _client.SendAsync(
            "mutation($t: String!) { verifyEmail(input: { token: $t }) { viewer { emailVerified } errors { code } } }",
            new { t = code }
        );

        Assert.DoesNotContain(code, subject, StringComparison.Ordinal);
        Assert.Matches(LinkPattern(), text);
        Assert.True(verified.Ok()["verifyEmail"]!["viewer"]!["emailVerified"]!.GetValue<bool>());
        Assert.True((await _client.MeAsync(user.AccessToken)).Ok()["me"]!["emailVerified"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_link_token_verifies_without_signing_in_and_works_once()
    {
        var user = await _client.SignUpAsync("link");
        var (_, text) = await _mailbox.WaitForMessageAsync(user.Email, TimeSpan.FromSeconds(30));
        var token = Uri.UnescapeDataString(LinkPattern().Match(text).Groups[1].Value);

        var first = await _client.SendAsync(
            "mutation($t: String!) { verifyEmail(input: { token: $t }) { user { id } errors { code } } }",
            new { t = token }
        );
        var second = await _client.SendAsync(
            "mutation($t: String!) { verifyEmail(input: { token: $t }) { user { id } errors { code } } }",
            new { t = token }
        );

        Assert.Empty(first.PayloadErrorCodes("verifyEmail"));
        Assert.Equal(user.UserId, first.Ok()["verifyEmail"]!["user"]!["id"]!.GetValue<string>());
        Assert.Equal(["TOKEN_INVALID"], second.PayloadErrorCodes("verifyEmail"));
    }

    [Fact]
    public async Task Wrong_codes_are_limited_and_then_even_the_right_code_is_refused()
    {
        var user = await _client.SignUpAsync("guess");
        var (_, text) = await _mailbox.WaitForMessageAsync(user.Email, TimeSpan.FromSeconds(30));
        var code = CodeIn(text);
        var wrong = code == "000000" ? "111111" : "000000";
        var verify =
            "mutation($t: String!, $e: String) { verifyEmail(input: { token: $t, email: $e }) { errors { code } } }";

        var failures = new List<IReadOnlyList<string>>();
        for (var i = 0; i < 5; i++)
        {
            failures.Add(
                (await _client.SendAsync(verify, new { t = wrong, e = user.Email })).PayloadErrorCodes("verifyEmail")
            );
        }

        var right = await _client.SendAsync(verify, new { t = code, e = user.Email });

        Assert.All(failures, codes => Assert.Equal(["TOKEN_INVALID"], codes));
        Assert.Equal(["TOO_MANY_ATTEMPTS"], right.PayloadErrorCodes("verifyEmail"));
    }

    [Fact]
    public async Task An_expired_code_is_refused_with_token_expired()
    {
        var user = await _client.SignUpAsync("late");
        var (_, text) = await _mailbox.WaitForMessageAsync(user.Email, TimeSpan.FromSeconds(30));
        _app.Clock.Advance(TimeSpan.FromHours(25));

        var response = await _client.SendAsync(
            "mutation($t: String!, $e: String) { verifyEmail(input: { token: $t, email: $e }) { errors { code } } }",
            new { t = CodeIn(text), e = user.Email }
        );

        Assert.Equal(["TOKEN_EXPIRED"], response.PayloadErrorCodes("verifyEmail"));
    }

    [Fact]
    public async Task Asking_again_too_soon_is_throttled_and_a_verified_address_needs_no_code()
    {
        var user = await _client.SignUpAsync("resend");
        var (_, text) = await _mailbox.WaitForMessageAsync(user.Email, TimeSpan.FromSeconds(30));
        _client.AccessToken = user.AccessToken;
        const string request = "mutation { requestEmailVerification { errors { code } } }";

        var tooSoon = await _client.SendAsync(request);
        _app.Clock.Advance(TimeSpan.FromSeconds(61));
        var resent = await _client.SendAsync(request);
        var (_, newText) = await _mailbox.WaitForMessageAsync(user.Email, TimeSpan.FromSeconds(30), skip: 1);
        var oldCode = await _client.SendAsync(
            "mutation($t: String!) { verifyEmail(input: { token: $t }) { errors { code } } }",
            new { t = CodeIn(text) }
        );
        var newCode = await _client.SendAsync(
            "mutation($t: String!) { verifyEmail(input: { token: $t }) { errors { code } } }",
            new { t = CodeIn(newText) }
        );
        var again = await _client.SendAsync(request);
        _client.AccessToken = null;
        var anonymous = await _client.SendAsync(request);

        Assert.Equal(["TOO_MANY_ATTEMPTS"], tooSoon.PayloadErrorCodes("requestEmailVerification"));
        Assert.Empty(resent.PayloadErrorCodes("requestEmailVerification"));
        Assert.Equal(["TOKEN_INVALID"], oldCode.PayloadErrorCodes("verifyEmail"));
        Assert.Empty(newCode.PayloadErrorCodes("verifyEmail"));
        Assert.Equal(["EMAIL_ALREADY_VERIFIED"], again.PayloadErrorCodes("requestEmailVerification"));
        Assert.Equal(["NOT_AUTHENTICATED"], anonymous.MutationErrorCodes);
    }

    [Fact]
    public async Task A_password_reset_by_code_sets_the_password_and_ends_every_session()
    {
        var user = await _client.SignUpAsync("reset");
        await _mailbox.WaitForMessageAsync(user.Email, TimeSpan.FromSeconds(30));
        var other = (await _client.LoginAsync(user.Email)).Session("login", user.Email);

        var requested = await _client.SendAsync(
            "mutation($e: String!) { requestPasswordReset(input: { email: $e }) { accepted errors { code } } }",
            new { e = user.Email }
        );
        var (subject, text) = await _mailbox.WaitForMessageAsync(user.Email, TimeSpan.FromSeconds(30), skip: 1);
        var reset = await _client.SendAsync(
            $"mutation($i: ResetPasswordInput!) {{ resetPassword(input: $i) {{ {AccountClient.AuthFields} }} }}",
            new
            {
                i = new
                {
                    token = CodeIn(text),
                    email = user.Email,
                    newPassword = "amber-lantern-71",
                },
            }
        );

        Assert.True(requested.Ok()["requestPasswordReset"]!["accepted"]!.GetValue<bool>());
        Assert.Contains("reset", subject, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(reset.PayloadErrorCodes("resetPassword"));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await _client.MeAsync(other.AccessToken)).Status);
        Assert.Equal(["INVALID_CREDENTIALS"], (await _client.LoginAsync(user.Email)).PayloadErrorCodes("login"));
        Assert.Empty((await _client.LoginAsync(user.Email, "amber-lantern-71")).PayloadErrorCodes("login"));
    }

    [Fact]
    public async Task A_reset_for_an_unknown_address_is_accepted_and_sends_nothing()
    {
        var email = AccountClient.UniqueEmail("ghost");

        var response = await _client.SendAsync(
            "mutation($e: String!) { requestPasswordReset(input: { email: $e }) { accepted errors { code } } }",
            new { e = email }
        );

        Assert.True(response.Ok()["requestPasswordReset"]!["accepted"]!.GetValue<bool>());
        await Assert.ThrowsAsync<TimeoutException>(() => _mailbox.WaitForMessageAsync(email, TimeSpan.FromSeconds(2)));
    }

    [Theory]
    [InlineData("not-a-token-at-all-but-long-enough", "TOKEN_INVALID")]
    [InlineData("123456", "TOKEN_INVALID")]
    public async Task A_reset_with_a_bad_token_changes_nothing(string token, string code)
    {
        var user = await _client.SignUpAsync("badreset");

        var response = await _client.SendAsync(
            "mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { errors { code } } }",
            new
            {
                i = new
                {
                    token,
                    email = user.Email,
                    newPassword = "amber-lantern-71",
                },
            }
        );

        Assert.Equal([code], response.PayloadErrorCodes("resetPassword"));
        Assert.Empty((await _client.LoginAsync(user.Email)).PayloadErrorCodes("login"));
    }

    [Fact]
    public async Task Changing_the_password_keeps_this_session_and_ends_the_others()
    {
        var user = await _client.SignUpAsync("change");
        var other = (await _client.LoginAsync(user.Email)).Session("login", user.Email);
        const string change =
            "mutation($i: ChangePasswordInput!) { changePassword(input: $i) { errors { code field } } }";

        _client.AccessToken = user.AccessToken;
        var wrongCurrent = await _client.SendAsync(
            change,
            new { i = new { currentPassword = "not-it-at-all-9", newPassword = "amber-lantern-71" } }
        );
        var weak = await _client.SendAsync(
            change,
            new { i = new { currentPassword = AccountClient.Password, newPassword = "password123" } }
        );
        var changed = await _client.SendAsync(
            change,
            new { i = new { currentPassword = AccountClient.Password, newPassword = "amber-lantern-71" } }
        );
        _client.AccessToken = null;

        Assert.Equal(["INVALID_CREDENTIALS"], wrongCurrent.PayloadErrorCodes("changePassword"));
        Assert.Equal(["WEAK_PASSWORD"], weak.PayloadErrorCodes("changePassword"));
        Assert.Empty(changed.PayloadErrorCodes("changePassword"));
        Assert.Equal(
            user.UserId,
            (await _client.MeAsync(user.AccessToken)).Ok()["me"]!["user"]!["id"]!.GetValue<string>()
        );
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await _client.MeAsync(other.AccessToken)).Status);
        Assert.Empty((await _client.LoginAsync(user.Email, "amber-lantern-71")).PayloadErrorCodes("login"));
    }

    [Fact]
    public async Task Changing_the_password_needs_a_session()
    {
        var response = await _client.SendAsync(
            "mutation { changePassword(input: { currentPassword: \"a\", newPassword: \"b\" }) { errors { code } } }"
        );

        Assert.Equal(["NOT_AUTHENTICATED"], response.MutationErrorCodes);
    }

    private static string CodeIn(string text) =>
        CodePattern().Match(text).Groups[1].Value is { Length: 6 } code
            ? code
            : throw new Xunit.Sdk.XunitException("No six-digit code in the message: " + text);

    [GeneratedRegex(@"enter this code: (\d{6})")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"https?://\S+\?(?:verify-email|reset-password)=(\S+)")]
    private static partial Regex LinkPattern();
}
