using StreamEngine.Application.Live;
using StreamEngine.Domain.Live;
using StreamEngine.Fakes;

namespace StreamEngine.Application.Tests.Live;

public sealed class CreateLiveStreamTests : LiveTestBase
{
    [Fact]
    public async Task Creating_needs_live_streaming_on_a_signed_in_account_and_a_title()
    {
        var off = new UseCaseWorld();
        off.SignIn();
        Assert.Equal(
            "LIVE_DISABLED",
            (await off.Get<CreateLiveStream>().Handle(new("t", null, null, false), default)).Errors[0].Code
        );
        off.Dispose();

        Assert.Equal(
            "NOT_AUTHENTICATED",
            (await World.Get<CreateLiveStream>().Handle(new("t", null, null, false), default)).Errors[0].Code
        );
        World.SignIn();
        Assert.False((await World.Get<CreateLiveStream>().Handle(new(" ", null, null, false), default)).Succeeded);
        var stream = await CreateAsync();
        Assert.Equal(LiveStreamStatus.Idle, stream.Status);
        Assert.Matches("^live_[0-9a-f]{34}$", stream.StreamKey);
    }
}
