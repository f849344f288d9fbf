using StreamEngine.Application.Live;

namespace StreamEngine.Application.Tests.Live;

public sealed class RotateStreamKeyTests : LiveTestBase
{
    [Fact]
    public async Task Rotating_a_key_refuses_the_old_one()
    {
        World.SignIn();
        var stream = await CreateAsync();
        var old = stream.StreamKey;
        var rotated = await World.Get<RotateStreamKey>().Handle(stream.Id, default);
        Assert.NotEqual(old, rotated.Value!.StreamKey);
        Assert.Equal(
            "STREAM_KEY_REFUSED",
            (await World.Get<AuthorizeLivePublish>().Handle(old, default)).Errors[0].Code
        );
        Assert.True((await World.Get<AuthorizeLivePublish>().Handle(rotated.Value.StreamKey, default)).Succeeded);
    }
}
