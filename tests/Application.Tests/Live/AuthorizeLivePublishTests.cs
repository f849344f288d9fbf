using StreamEngine.Application.Live;
using StreamEngine.Domain.Live;

namespace StreamEngine.Application.Tests.Live;

public sealed class AuthorizeLivePublishTests : LiveTestBase
{
    [Fact]
    public async Task A_key_publishes_once_at_a_time_within_the_accounts_and_the_instances_limits()
    {
        var ann = World.SignIn().Id;
        var first = await CreateAsync();
        var second = await CreateAsync(title: "Second");
        var authorize = World.Get<AuthorizeLivePublish>();

        Assert.Equal("STREAM_KEY_REFUSED", (await authorize.Handle("live_nope", default)).Errors[0].Code);
        Assert.True((await authorize.Handle(first.StreamKey, default)).Succeeded);
        Assert.Equal(LiveStreamStatus.Connecting, first.Status);
        Assert.Equal("ALREADY_PUBLISHING", (await authorize.Handle(first.StreamKey, default)).Errors[0].Code);

        // One stream at a time per account (the default).
        Assert.Equal("QUOTA_EXCEEDED", (await authorize.Handle(second.StreamKey, default)).Errors[0].Code);

        // Two per instance here: a third account's stream is refused while two others are under way.
        World.SignIn("bob_films");
        var bobs = await CreateAsync(title: "Bob");
        Assert.True((await authorize.Handle(bobs.StreamKey, default)).Succeeded);
        World.SignIn("cid_films");
        var cids = await CreateAsync(title: "Cid");
        Assert.Equal("LIVE_CAPACITY_REACHED", (await authorize.Handle(cids.StreamKey, default)).Errors[0].Code);
        Assert.Equal(ann, first.OwnerId);
    }
}
