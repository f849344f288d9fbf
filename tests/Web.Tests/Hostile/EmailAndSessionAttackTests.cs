using System.Net;
using System.Text.RegularExpressions;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;

namespace StreamEngine.Web.Tests.Hostile;

/// <summary>The e-mail and session flows as an attacker uses them: poisoned links, guessing bursts, refresh-token
/// games.</summary>
public sealed partial class EmailAndSessionAttackTests : IClassFixture<EmailAndSessionAttackTests.App>
{
    private readonly App _app;

    public EmailAndSessionAttackTests(App app) => _app = app;

    public sealed class App() : StreamEngineApp(new Dictionary<string, string?>
    {
        // Per-address guessing limits are generous here so that the per-account and per-code counts are what stops
        // the bursts below.
        ["StreamEngine:Accounts:ClientFailuresPerWindow"] = "1000",
    });

    [Fact]
    public async Task A_reset_link_never_follows_the_request_host_header()
    {
        var client = _app.CreateGraphQLClient();
        var user = await client.SignUpAsync("host");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent($"{{\"query\":\"mutation {{ requestPasswordReset(email: \\\"{user.Email}\\\") {{ errors {{ code }} }} }}\"}}"),
        };
        request.Headers.Host = "evil.example";

        using var response = await client.Http.SendAsync(request);
        var mail = Outbox.WaitForMessages(_app.DataDirectory, m => m.Contains(user.Email, StringComparison.OrdinalIgnoreCase) && m.Contains("reset-password", StringComparison.Ordinal)).Single();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("evil.example", mail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("http://localhost/?reset-password=", mail, StringComparison.Ordinal);
        Assert.DoesNotMatch(SubjectWithCode(), mail);
    }

    [Fact]
    public async Task A_burst_of_concurrent_code_guesses_tries_at_most_the_allowed_number()
    {
        var client = _app.CreateGraphQLClient();
        var user = await client.SignUpAsync("burst");
        Assert.Null((await client.SendAsync($"mutation {{ requestPasswordReset(email: \"{user.Email}\") {{ errors {{ code }} }} }}")).Errors);
        var code = CodeOf(Outbox.WaitForMessages(_app.DataDirectory, m => m.Contains(user.Email, StringComparison.OrdinalIgnoreCase) && m.Contains("reset-password", StringComparison.Ordinal)).Single());

        var guesses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => _app.CreateGraphQLClient().SendAsync(
            "mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { errors { code } } }",
            new { i = new { token = ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1 + i) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture), email = user.Email, newPassword = "amber-lantern-77" } })));
        var right = await client.SendAsync("mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { errors { code } } }",
            new { i = new { token = code, email = user.Email, newPassword = "amber-lantern-77" } });

        var tried = guesses.Count(g => g.PayloadErrorCodes("resetPassword").SequenceEqual(["TOKEN_INVALID"]));
        Assert.InRange(tried, 1, 5);
        Assert.Equal(["TOO_MANY_ATTEMPTS"], right.PayloadErrorCodes("resetPassword"));
    }

    [Fact]
    public async Task A_burst_of_concurrent_wrong_passwords_checks_at_most_the_lockout_number()
    {
        var client = _app.CreateGraphQLClient();
        var user = await client.SignUpAsync("lockout");

        var attempts = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => _app.CreateGraphQLClient().LoginAsync(user.Email, $"wrong-password-{i}")));

        var checkedPasswords = attempts.Count(a => a.PayloadErrorCodes("login").SequenceEqual(["INVALID_CREDENTIALS"]));
        Assert.InRange(checkedPasswords, 1, 5);
        Assert.Equal(["TOO_MANY_ATTEMPTS"], (await client.LoginAsync(user.Email)).PayloadErrorCodes("login"));
    }

    [Fact]
    public async Task A_random_secret_naming_a_session_does_not_end_it_but_a_replayed_token_does()
    {
        var client = _app.CreateGraphQLClient();
        var user = await client.SignUpAsync("refresh");
        var sessionPart = Convert.FromBase64String(Pad(user.RefreshToken.Replace('-', '+').Replace('_', '/')))[..16];
        var forged = Convert.ToBase64String([.. sessionPart, .. System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)])
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var guess = await client.RefreshAsync(forged);
        var next = (await client.RefreshAsync(user.RefreshToken)).Session("refreshSession", user.Email);
        var replay = await client.RefreshAsync(user.RefreshToken);
        var afterReplay = await client.RefreshAsync(next.RefreshToken);

        Assert.Equal(["TOKEN_INVALID"], guess.PayloadErrorCodes("refreshSession"));
        Assert.Equal(["TOKEN_INVALID"], replay.PayloadErrorCodes("refreshSession"));
        Assert.Equal(["TOKEN_INVALID"], afterReplay.PayloadErrorCodes("refreshSession"));
    }

    private static string Pad(string base64) => base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static string CodeOf(string mail) => CodePattern().Match(mail).Groups[1].Value;

    [GeneratedRegex(@"enter this code: (\d{6})")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"Subject:[^\r\n]*\d{6}")]
    private static partial Regex SubjectWithCode();
}
