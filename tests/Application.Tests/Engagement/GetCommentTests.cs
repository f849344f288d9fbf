using StreamEngine.Application.Engagement;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;
using StreamEngine.Fakes;

namespace StreamEngine.Application.Tests.Engagement;

public sealed class GetCommentTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_comment_exists_only_for_those_who_may_see_its_video()
    {
        var owner = _world.SignIn();
        var video = _world.AddVideo(owner.Id);
        var comment = (await _world.Get<AddComment>().Handle(new(video.Id, null, "First!"), default)).Value!;
        await _world.Get<UpdateVideo>().Handle(new(video.Id, null, null, Visibility.Private), default);

        var own = await _world.Get<GetComment>().Handle(comment.Id, default);
        _world.SignIn("bob_films");
        var stranger = await _world.Get<GetComment>().Handle(comment.Id, default);
        var unknown = await _world.Get<GetComment>().Handle(Guid.NewGuid(), default);

        Assert.Equal(comment.Id, own?.Id);
        Assert.Null(stranger);
        Assert.Null(unknown);
    }

    public void Dispose() => _world.Dispose();
}
