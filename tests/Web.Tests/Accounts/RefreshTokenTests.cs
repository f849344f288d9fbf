using System.Net;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests.Accounts;

public sealed class RefreshTokenTests : IClassFixture<StreamEngineApp>
{
    private readonly StreamEngineApp _app;
    private readonly GraphQLClient _client;

    public RefreshTokenTests(StreamEngineApp app)
    {
        _app = app;
        _client = app.CreateGraphQLClient();
    }

    [Fact]
    public async Task Refreshing_rotates_the_refresh_token()
    {
        var user = await _client.SignUpAsync("rotate");

        var first = (await _client.RefreshAsync(user.RefreshToken)).Session("refreshSession", user.Email);
        var second = (await _client.RefreshAsync(first.RefreshToken)).Session("refreshSession", user.Email);

        Assert.NotEqual(user.RefreshToken, first.RefreshToken);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
    }

    [Fact]
    public async Task Reusing_a_rotated_refresh_token_revokes_the_whole_session()
    {
        var user = await _client.SignUpAsync("reuse");
        var rotated = (await _client.RefreshAsync(user.RefreshToken)).Session("refreshSession", user.Email);

        var replay = await _client.RefreshAsync(user.RefreshToken);
        var legitimateNext = await _client.RefreshAsync(rotated.RefreshToken);
        var accessAfter = await _client.MeAsync(rotated.AccessToken);

        Assert.Equal(["TOKEN_INVALID"], replay.PayloadErrorCodes("refreshSession"));
        Assert.Equal(["TOKEN_INVALID"], legitimateNext.PayloadErrorCodes("refreshSession"));
        Assert.Equal(HttpStatusCode.Unauthorized, accessAfter.Status);
    }

    [Fact]
    public async Task Reuse_on_one_device_leaves_the_other_devices_signed_in()
    {
        var user = await _client.SignUpAsync("isolated");
        var phone = (await _client.LoginAsync(user.Email)).Session("login", user.Email);
        await _client.RefreshAsync(user.RefreshToken);

        await _client.RefreshAsync(user.RefreshToken);

        Assert.Empty((await _client.RefreshAsync(phone.RefreshToken)).PayloadErrorCodes("refreshSession"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_forged_refresh_token_is_invalid(string token)
    {
        var response = await _client.RefreshAsync(token);

        Assert.Equal(["TOKEN_INVALID"], response.PayloadErrorCodes("refreshSession"));
    }

    [Fact]
    public async Task A_refresh_token_unused_for_longer_than_its_lifetime_has_expired()
    {
        var user = await _client.SignUpAsync("stale");
        _app.Clock.Advance(TimeSpan.FromDays(31));

        var response = await _client.RefreshAsync(user.RefreshToken);

        Assert.Equal(["TOKEN_EXPIRED"], response.PayloadErrorCodes("refreshSession"));
    }
}
