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

    public sealed class App()
        : StreamEngineApp(
            new Dictionary<string, string?>
            {
                // Per-address guessing limits are generous here so that the per-account and per-code counts are what
                // stops the bursts below.
                ["StreamEngine:Accounts:ClientFailuresPerWindow"] = "1000",
            }
        );

    [Fact]
    public async Task A_reset_link_never_follows_the_request_host_header()
    {
        var client = _app.CreateGraphQLClient();
        var user = await client.SignUpAsync("host");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent(
                $"{{\"query\":\"mutation {{ requestPasswordReset(input: {{ email: \\\"{user.Email}\\\" }}) {{ errors "
                    + $"{{ code }} "
                    + "} }\"}"
            ),
        };
        request.Headers.Host = "evil.example";

        using var response = await client.Http.SendAsync(request);
        var mail = Outbox
            .WaitForMessages(
                _app.DataDirectory,
                m =>
                    m.Contains(user.Email, StringComparison.OrdinalIgnoreCase)
                    && m.Contains("reset-password", StringComparison.Ordinal)
            )
            .Single();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("evil.example", mail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("http://localhost/?reset-password=", mail, StringComparison.Ordinal);
        Assert.DoesNotMatch(SubjectWithCode(), mail);
    }

    [Fact]
    public Task A_burst_of_concurrent_code_guesses_tries_at_most_the_allowed_number() =>
        GuessingBursts.CodeGuessesAsync(_app);

    [Fact]
    public Task A_burst_of_concurrent_wrong_passwords_checks_at_most_the_lockout_number() =>
        GuessingBursts.WrongPasswordsAsync(_app);

    [Fact]
    public async Task A_random_secret_naming_a_session_does_not_end_it_but_a_replayed_token_does()
    {
        var client = _app.CreateGraphQLClient();
        var user = await client.SignUpAsync("refresh");
        var sessionPart = Convert.FromBase64String(Pad(user.RefreshToken.Replace('-', '+').Replace('_', '/')))[..16];
        var forged = Convert
            .ToBase64String([.. sessionPart, .. System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)])
            .TrimEnd('=')
            .Replace('+', '-')
            .Replace('/', '_');

        var guess = await client.RefreshAsync(forged);
        var next = (await client.RefreshAsync(user.RefreshToken)).Session("refreshSession", user.Email);
        var replay = await client.RefreshAsync(user.RefreshToken);
        var afterReplay = await client.RefreshAsync(next.RefreshToken);

        Assert.Equal(["TOKEN_INVALID"], guess.PayloadErrorCodes("refreshSession"));
        Assert.Equal(["TOKEN_INVALID"], replay.PayloadErrorCodes("refreshSession"));
        Assert.Equal(["TOKEN_INVALID"], afterReplay.PayloadErrorCodes("refreshSession"));
    }

    [Fact]
    public async Task Refreshes_racing_with_one_token_end_the_session_whoever_wins()
    {
        var client = _app.CreateGraphQLClient();
        var user = await client.SignUpAsync("race");

        var answers = await Task.WhenAll(
            Enumerable.Range(0, 12).Select(_ => _app.CreateGraphQLClient().RefreshAsync(user.RefreshToken))
        );
        var winners = answers
            .Where(a => a.PayloadErrorCodes("refreshSession").Count == 0)
            .Select(a => a.Ok()["refreshSession"]!["refreshToken"]!.GetValue<string>())
            .ToList();
        var laterUse = await Task.WhenAll(winners.Select(token => client.RefreshAsync(token)));

        Assert.True(winners.Count < answers.Length);
        Assert.All(laterUse, a => Assert.Equal(["TOKEN_INVALID"], a.PayloadErrorCodes("refreshSession")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.MeAsync(user.AccessToken)).Status);
    }

    private static string Pad(string base64) => base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    [GeneratedRegex(@"Subject:[^\r\n]*\d{6}")]
    private static partial Regex SubjectWithCode();
}
