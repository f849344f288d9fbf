using System.Text.RegularExpressions;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests.Accounts;

/// <summary>Google sign-in against a local stand-in for Google's certificate endpoint, with tokens signed by a test
/// RSA key (Google itself cannot be reached here).</summary>
public sealed partial class GoogleSignInTests : IAsyncLifetime
{
    private GoogleTokenEndpoint _google = null!;
    private StreamEngineApp _app = null!;
    private GraphQLClient _client = null!;

    private const string SignIn =
        "mutation($t: String!) { signInWithGoogle(input: { idToken: $t }) { accessToken viewer { email "
        + "emailVerified googleLinked user { id handle displayName } } errors { code field } } }";

    public async Task InitializeAsync()
    {
        _google = await GoogleTokenEndpoint.StartAsync();
        _app = StreamEngineApp.With(_google.ServerSettings());
        _client = _app.CreateGraphQLClient();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _google.DisposeAsync();
    }

    [Fact]
    public async Task A_valid_token_creates_a_verified_account_with_a_handle_from_the_name_and_signs_in_again_later()
    {
        var email = AccountClient.UniqueEmail("gnew");
        var subject = Guid.NewGuid().ToString("N");

        var first = (
            await _client.SendAsync(SignIn, new { t = _google.IdToken(subject, email, name: "José Núñez") })
        ).Ok()["signInWithGoogle"]!;
        var second = (await _client.SendAsync(SignIn, new { t = _google.IdToken(subject, email) })).Ok()[
            "signInWithGoogle"
        ]!;

        Assert.True(first["errors"]!.AsArray().Count == 0, first["errors"]!.ToJsonString());
        Assert.Equal("jose_nunez", first["viewer"]!["user"]!["handle"]!.GetValue<string>());
        Assert.Equal("José Núñez", first["viewer"]!["user"]!["displayName"]!.GetValue<string>());
        Assert.True(first["viewer"]!["emailVerified"]!.GetValue<bool>());
        Assert.Equal(
            first["viewer"]!["user"]!["id"]!.GetValue<string>(),
            second["viewer"]!["user"]!["id"]!.GetValue<string>()
        );
        Assert.Contains($"GET /oauth2/v3/certs", _google.Requests);
    }

    [Fact]
    public async Task The_server_tells_browsers_its_client_id_and_says_null_when_google_is_off()
    {
        const string query = "{ serverInfo { googleClientId } }";
        await using var off = new StreamEngineApp();

        var on = (await _client.SendAsync(query)).Ok()["serverInfo"]!["googleClientId"]!.GetValue<string>();
        var none = (await off.CreateGraphQLClient().SendAsync(query)).Ok()["serverInfo"]!["googleClientId"];

        Assert.Equal(GoogleTokenEndpoint.ClientId, on);
        Assert.Null(none);
    }

    [Fact]
    public async Task An_account_made_by_google_has_no_password_to_change()
    {
        var created = (
            await _client.SendAsync(
                SignIn,
                new { t = _google.IdToken("sub-nopass", AccountClient.UniqueEmail("nopass")) }
            )
        ).Ok()["signInWithGoogle"]!;
        _client.AccessToken = created["accessToken"]!.GetValue<string>();

        var change = await _client.SendAsync(
            "mutation { changePassword(input: { currentPassword: \"anything-at-all\", newPassword: "
                + "\"amber-lantern-71\" }) { errors { code } } }"
        );

        Assert.Equal(["NO_PASSWORD"], change.PayloadErrorCodes("changePassword"));
    }

    [Fact]
    public async Task Two_people_with_the_same_name_get_distinct_handles()
    {
        var a = (
            await _client.SendAsync(
                SignIn,
                new { t = _google.IdToken("sub-a", AccountClient.UniqueEmail("a"), name: "Sam Lee") }
            )
        ).Ok()["signInWithGoogle"]!;
        var b = (
            await _client.SendAsync(
                SignIn,
                new { t = _google.IdToken("sub-b", AccountClient.UniqueEmail("b"), name: "Sam Lee") }
            )
        ).Ok()["signInWithGoogle"]!;

        Assert.Equal("sam_lee", a["viewer"]!["user"]!["handle"]!.GetValue<string>());
        Assert.Equal("sam_lee_2", b["viewer"]!["user"]!["handle"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_token_for_another_application_is_invalid()
    {
        var response = await _client.SendAsync(
            SignIn,
            new
            {
                t = _google.IdToken(
                    "sub",
                    AccountClient.UniqueEmail("aud"),
                    audience: "someone-else.apps.googleusercontent.com"
                ),
            }
        );

        Assert.Equal(["TOKEN_INVALID"], response.PayloadErrorCodes("signInWithGoogle"));
    }

    [Fact]
    public async Task An_expired_token_is_refused_with_token_expired()
    {
        var response = await _client.SendAsync(
            SignIn,
            new
            {
                t = _google.IdToken(
                    "sub",
                    AccountClient.UniqueEmail("exp"),
                    expires: DateTimeOffset.UtcNow.AddMinutes(-10)
                ),
            }
        );

        Assert.Equal(["TOKEN_EXPIRED"], response.PayloadErrorCodes("signInWithGoogle"));
    }

    [Fact]
    public async Task A_token_signed_with_another_key_or_from_another_issuer_is_invalid()
    {
        var email = AccountClient.UniqueEmail("forged");
        var forged = await _client.SendAsync(
            SignIn,
            new { t = _google.IdToken("sub", email, signWith: GoogleTokenEndpoint.ForeignKey(_google.KeyId)) }
        );
        var issuer = await _client.SendAsync(
            SignIn,
            new { t = _google.IdToken("sub", email, issuer: "https://evil.example.com") }
        );
        var garbage = await _client.SendAsync(SignIn, new { t = "not.a.jwt" });

        Assert.Equal(["TOKEN_INVALID"], forged.PayloadErrorCodes("signInWithGoogle"));
        Assert.Equal(["TOKEN_INVALID"], issuer.PayloadErrorCodes("signInWithGoogle"));
        Assert.Equal(["TOKEN_INVALID"], garbage.PayloadErrorCodes("signInWithGoogle"));
    }

    [Fact]
    public async Task An_address_google_has_not_verified_is_refused()
    {
        var response = await _client.SendAsync(
            SignIn,
            new { t = _google.IdToken("sub-unverified", AccountClient.UniqueEmail("unv"), emailVerified: false) }
        );

        Assert.Equal(["EMAIL_NOT_VERIFIED"], response.PayloadErrorCodes("signInWithGoogle"));
    }

    [Fact]
    public async Task An_existing_account_with_an_unverified_address_is_not_linked()
    {
        var user = await _client.SignUpAsync("existing");

        var response = await _client.SendAsync(SignIn, new { t = _google.IdToken("sub-existing", user.Email) });

        Assert.Equal(["ACCOUNT_EXISTS_UNVERIFIED"], response.PayloadErrorCodes("signInWithGoogle"));
    }

    [Fact]
    public async Task An_existing_account_with_a_verified_address_is_linked_and_signed_in()
    {
        var user = await _client.SignUpAsync("linked");
        _client.AccessToken = user.AccessToken;
        Assert.Empty(
            (
                await _client.SendAsync(
                    "mutation($t: String!) { verifyEmail(input: { token: $t }) { errors { code } } }",
                    new { t = CodeFromOutbox(user.Email) }
                )
            ).PayloadErrorCodes("verifyEmail")
        );
        _client.AccessToken = null;

        var response = (await _client.SendAsync(SignIn, new { t = _google.IdToken("sub-linked", user.Email) })).Ok()[
            "signInWithGoogle"
        ]!;

        Assert.Empty(response["errors"]!.AsArray());
        Assert.Equal(user.UserId, response["viewer"]!["user"]!["id"]!.GetValue<string>());
        Assert.True(response["viewer"]!["googleLinked"]!.GetValue<bool>());
    }

    private string CodeFromOutbox(string email)
    {
        var message = Outbox
            .WaitForMessages(_app.DataDirectory, text => text.Contains(email, StringComparison.OrdinalIgnoreCase))
            .Last();
        return CodePattern().Match(message).Groups[1].Value;
    }

    [GeneratedRegex(@"enter this code: (\d{6})")]
    private static partial Regex CodePattern();
}
