using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Videos;

namespace StreamEngine.Web.Tests.Accounts;

/// <summary>Deployments may require a verified address to sign in with a password or to upload.</summary>
public sealed class VerifiedEmailPolicyTests : IClassFixture<VerifiedEmailPolicyTests.App>
{
    private readonly GraphQLClient _client;

    public VerifiedEmailPolicyTests(App app)
    {
        _client = app.CreateGraphQLClient();
    }

    public sealed class App()
        : StreamEngineApp(
            new Dictionary<string, string?>
            {
                ["StreamEngine:Accounts:RequireVerifiedEmailToLogin"] = "true",
                ["StreamEngine:Accounts:RequireVerifiedEmailToUpload"] = "true",
            }
        );

    [Fact]
    public async Task Password_login_and_uploads_need_a_verified_address_when_configured()
    {
        var user = await _client.SignUpAsync("unverified");

        var login = await _client.LoginAsync(user.Email);
        _client.AccessToken = user.AccessToken;
        var upload = await _client.CreateUploadAsync("clip.mp4", 1000);

        Assert.Equal(["EMAIL_NOT_VERIFIED"], login.PayloadErrorCodes("login"));
        Assert.Equal("EMAIL_NOT_VERIFIED", upload["errors"]![0]!["code"]!.GetValue<string>());
    }
}

public sealed class MoreAccountFailureTests : IClassFixture<StreamEngineApp>
{
    private readonly GraphQLClient _client;

    public MoreAccountFailureTests(StreamEngineApp app)
    {
        _client = app.CreateGraphQLClient();
    }

    [Fact]
    public async Task A_password_reset_request_for_a_malformed_address_is_invalid_email()
    {
        var response = await _client.SendAsync(
            "mutation { requestPasswordReset(input: { email: \"not an address\" }) { accepted errors { code field } } }"
        );

        Assert.Equal(["INVALID_EMAIL"], response.PayloadErrorCodes("requestPasswordReset"));
        Assert.Null(response.Ok()["requestPasswordReset"]!["accepted"]);
    }

    [Fact]
    public async Task A_reset_to_a_weak_password_is_refused_before_the_code_is_spent()
    {
        var response = await _client.SendAsync(
            "mutation { resetPassword(input: { token: \"123456\", email: \"a@example.com\", newPassword: "
                + "\"password123\" }) { errors { code field } } }"
        );

        Assert.Equal(["WEAK_PASSWORD"], response.PayloadErrorCodes("resetPassword"));
        Assert.Equal("newPassword", response.Ok()["resetPassword"]!["errors"]![0]!["field"]![1]!.GetValue<string>());
    }

    [Fact]
    public async Task Logout_everywhere_needs_a_session()
    {
        var response = await _client.SendAsync("mutation { logoutEverywhere { sessionsEnded errors { code } } }");

        Assert.Equal(["NOT_AUTHENTICATED"], response.MutationErrorCodes);
    }
}
