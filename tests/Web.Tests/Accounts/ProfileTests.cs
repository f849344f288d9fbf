using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests.Accounts;

public sealed class ProfileTests : IClassFixture<StreamEngineApp>
{
    private readonly GraphQLClient _client;

    public ProfileTests(StreamEngineApp app)
    {
        _client = app.CreateGraphQLClient();
    }

    [Fact]
    public async Task The_owner_changes_display_name_bio_and_handle()
    {
        var user = await _client.SignUpAsync("profile");
        var handle = AccountClient.UniqueHandle("renamed");
        _client.AccessToken = user.AccessToken;

        var response = await _client.SendAsync(
            "mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { user { handle displayName bio } "
                + "errors { code } } }",
            new
            {
                i = new
                {
                    displayName = "  New Name ",
                    bio = "I film birds.",
                    handle,
                },
            }
        );

        var updated = response.Ok()["updateProfile"]!["user"]!;
        Assert.Equal(handle, updated["handle"]!.GetValue<string>());
        Assert.Equal("New Name", updated["displayName"]!.GetValue<string>());
        Assert.Equal("I film birds.", updated["bio"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_taken_handle_or_bad_values_change_nothing()
    {
        var taken = await _client.SignUpAsync("first");
        var takenHandle = (await _client.MeAsync(taken.AccessToken)).Ok()["me"]!["user"]!["handle"]!.GetValue<string>();
        var user = await _client.SignUpAsync("second");
        _client.AccessToken = user.AccessToken;
        const string update =
            "mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { user { handle } errors { code field } } }";

        var handleTaken = await _client.SendAsync(
            update,
            new { i = new { handle = takenHandle, displayName = "Changed" } }
        );
        var invalid = await _client.SendAsync(
            update,
            new { i = new { displayName = "", bio = new string('x', 1001) } }
        );
        var me = (await _client.SendAsync("{ viewer { user { displayName } } }")).Ok()["viewer"]!["user"]!;

        Assert.Equal(["HANDLE_TAKEN"], handleTaken.PayloadErrorCodes("updateProfile"));
        Assert.Equal(["INVALID_DISPLAY_NAME", "INVALID_BIO"], invalid.PayloadErrorCodes("updateProfile"));
        Assert.Equal("Test User", me["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Updating_a_profile_needs_a_session()
    {
        _client.AccessToken = null;
        var response = await _client.SendAsync("mutation { updateProfile(input: { bio: \"x\" }) { errors { code } } }");

        Assert.Equal(["NOT_AUTHENTICATED"], response.MutationErrorCodes);
    }
}
