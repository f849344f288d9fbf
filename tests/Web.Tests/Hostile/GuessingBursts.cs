using System.Globalization;
using System.Text.RegularExpressions;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;

namespace StreamEngine.Web.Tests.Hostile;

/// <summary>Concurrent guessing bursts, run against each database provider: the count of attempts really checked
/// must not exceed the limit, however many arrive at once.</summary>
internal static partial class GuessingBursts
{
    public static async Task CodeGuessesAsync(StreamEngineApp app)
    {
        var client = app.CreateGraphQLClient();
        var user = await client.SignUpAsync("burst");
        Assert.Null(
            (
                await client.SendAsync(
                    $"mutation {{ requestPasswordReset(input: {{ email: \"{user.Email}\" }}) {{ errors {{ code }} }} }}"
                )
            ).Errors
        );
        var mail = Outbox
            .WaitForMessages(
                app.DataDirectory,
                m =>
                    m.Contains(user.Email, StringComparison.OrdinalIgnoreCase)
                    && m.Contains("reset-password", StringComparison.Ordinal)
            )
            .Single();
        var code = CodePattern().Match(mail).Groups[1].Value;

        var guesses = await Task.WhenAll(
            Enumerable
                .Range(0, 60)
                .Select(i =>
                    app.CreateGraphQLClient()
                        .SendAsync(
                            "mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { errors { code } } }",
                            new
                            {
                                i = new
                                {
                                    token = WrongCode(code, i),
                                    email = user.Email,
                                    newPassword = "amber-lantern-77",
                                },
                            }
                        )
                )
        );
        var tried = guesses.Count(g => g.PayloadErrorCodes("resetPassword").SequenceEqual(["TOKEN_INVALID"]));

        // Whatever the burst left of the allowance, one by one: the total ever compared is exactly the limit.
        var afterwards = 0;
        for (var i = 100; i < 110; i++)
        {
            var codes = (
                await client.SendAsync(
                    "mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { errors { code } } }",
                    new
                    {
                        i = new
                        {
                            token = WrongCode(code, i),
                            email = user.Email,
                            newPassword = "amber-lantern-77",
                        },
                    }
                )
            ).PayloadErrorCodes("resetPassword");
            if (!codes.SequenceEqual(["TOKEN_INVALID"]))
            {
                break;
            }

            afterwards++;
        }

        var right = await client.SendAsync(
            "mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { errors { code } } }",
            new
            {
                i = new
                {
                    token = code,
                    email = user.Email,
                    newPassword = "amber-lantern-77",
                },
            }
        );

        Assert.InRange(tried, 1, 5);
        Assert.Equal(5, tried + afterwards);
        Assert.Equal(["TOO_MANY_ATTEMPTS"], right.PayloadErrorCodes("resetPassword"));
    }

    public static async Task WrongPasswordsAsync(StreamEngineApp app)
    {
        var client = app.CreateGraphQLClient();
        var user = await client.SignUpAsync("lockout");

        var attempts = await Task.WhenAll(
            Enumerable.Range(0, 40).Select(i => app.CreateGraphQLClient().LoginAsync(user.Email, $"wrong-password-{i}"))
        );

        var checkedPasswords = attempts.Count(a => a.PayloadErrorCodes("login").SequenceEqual(["INVALID_CREDENTIALS"]));
        var afterwards = 0;
        for (
            var i = 100;
            i < 110
                && (await client.LoginAsync(user.Email, $"wrong-password-{i}"))
                    .PayloadErrorCodes("login")
                    .SequenceEqual(["INVALID_CREDENTIALS"]);
            i++
        )
        {
            afterwards++;
        }

        Assert.InRange(checkedPasswords, 1, 5);
        Assert.Equal(5, checkedPasswords + afterwards);
        Assert.Equal(["TOO_MANY_ATTEMPTS"], (await client.LoginAsync(user.Email)).PayloadErrorCodes("login"));
    }

    private static string WrongCode(string code, int i) =>
        ((int.Parse(code, CultureInfo.InvariantCulture) + 1 + i) % 1_000_000).ToString(
            "D6",
            CultureInfo.InvariantCulture
        );

    [GeneratedRegex(@"enter this code: (\d{6})")]
    private static partial Regex CodePattern();
}

/// <summary>The guessing bursts on PostgreSQL (the class above runs them on the embedded SQLite).</summary>
public sealed class PostgresGuessingBurstTests : IAsyncLifetime
{
    private PostgresTestDatabase _database = null!;
    private StreamEngineApp _app = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        var settings = _database.ServerSettings();
        settings["StreamEngine:Accounts:ClientFailuresPerWindow"] = "1000";
        _app = StreamEngineApp.With(settings);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public Task A_burst_of_concurrent_code_guesses_tries_at_most_the_allowed_number() =>
        GuessingBursts.CodeGuessesAsync(_app);

    [Fact]
    public Task A_burst_of_concurrent_wrong_passwords_checks_at_most_the_lockout_number() =>
        GuessingBursts.WrongPasswordsAsync(_app);
}
