using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Engagement;
using StreamEngine.Domain.Videos;
using StreamEngine.Fakes;

namespace StreamEngine.Application.Tests.Engagement;

public sealed class AddCommentTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task Replies_go_one_level_deep_and_a_parent_from_another_video_is_not_found()
    {
        var owner = _world.SignIn();
        var video = _world.AddVideo(owner.Id);
        var other = _world.AddVideo(owner.Id);
        var add = _world.Get<AddComment>();

        var top = (await add.Handle(new(video.Id, null, "First!"), default)).Value!;
        var reply = await add.Handle(new(video.Id, top.Id, "Reply"), default);
        var deeper = await add.Handle(new(video.Id, reply.Value!.Id, "Too deep"), default);
        var elsewhere = await add.Handle(new(other.Id, top.Id, "Wrong video"), default);

        Assert.Equal(top.Id, reply.Value.ParentId);
        Assert.Equal("REPLY_TOO_DEEP", deeper.Errors[0].Code);
        Assert.Equal(("COMMENT_NOT_FOUND", "parentId"), (elsewhere.Errors[0].Code, elsewhere.Errors[0].Field));
        Assert.Equal(2, _world.Comments.All.Count);
    }

    [Fact]
    public async Task Nobody_comments_anonymously_on_an_unfinished_video_or_with_an_empty_body()
    {
        var owner = _world.AddUser();
        var processing = _world.AddVideo(owner.Id, VideoStatus.Processing);
        var ready = _world.AddVideo(owner.Id);

        var anonymous = await _world.Get<AddComment>().Handle(new(ready.Id, null, "hi"), default);
        _world.SignIn("bob_films");
        var unfinished = await _world.Get<AddComment>().Handle(new(processing.Id, null, "hi"), default);
        var empty = await _world.Get<AddComment>().Handle(new(ready.Id, null, "   "), default);

        Assert.Equal("NOT_AUTHENTICATED", anonymous.Errors[0].Code);
        Assert.Equal("VIDEO_NOT_FOUND", unfinished.Errors[0].Code);
        Assert.Equal("INVALID_COMMENT", empty.Errors[0].Code);
        Assert.Empty(_world.Comments.All);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class EditCommentTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task Only_the_author_edits()
    {
        var author = _world.SignIn();
        var video = _world.AddVideo(author.Id);
        var comment = (await _world.Get<AddComment>().Handle(new(video.Id, null, "typo"), default)).Value!;

        var edited = await _world.Get<EditComment>().Handle(new(comment.Id, "fixed"), default);
        _world.SignIn("bob_films");
        var refused = await _world.Get<EditComment>().Handle(new(comment.Id, "vandal"), default);

        Assert.Equal("fixed", edited.Value!.Body);
        Assert.NotNull(edited.Value.EditedAt);
        Assert.Equal("NOT_OWNER", refused.Errors[0].Code);
        Assert.Equal("fixed", comment.Body);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class DeleteCommentTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task The_videos_owner_deletes_anyones_comment_with_its_replies_and_a_stranger_cannot()
    {
        var owner = _world.AddUser();
        var video = _world.AddVideo(owner.Id);
        _world.SignIn("bob_films");
        var comment = (await _world.Get<AddComment>().Handle(new(video.Id, null, "spam"), default)).Value!;
        await _world.Get<AddComment>().Handle(new(video.Id, comment.Id, "more spam"), default);

        _world.SignIn("eve_films");
        var stranger = await _world.Get<DeleteComment>().Handle(comment.Id, default);
        _world.Caller.SignIn(owner.Id);
        var deleted = await _world.Get<DeleteComment>().Handle(comment.Id, default);

        Assert.Equal("NOT_OWNER", stranger.Errors[0].Code);
        Assert.Equal(comment.Id, deleted.Value!.Id);
        Assert.Empty(_world.Comments.All);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class ListCommentsTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_hidden_videos_comments_are_an_empty_page_and_a_forged_cursor_is_refused()
    {
        var owner = _world.SignIn();
        var video = _world.AddVideo(owner.Id);
        await _world.Get<AddComment>().Handle(new(video.Id, null, "hello"), default);
        video.Edit(null, null, Visibility.Private, _world.Clock.UtcNow);

        var own = await _world.Get<ListComments>().Handle(new(video, null, PageRequest.Default), default);
        var forged = await _world.Get<ListComments>().Handle(new(video, null, new(10, "forged", null, null)), default);
        _world.Caller.SignOut();
        var stranger = await _world.Get<ListComments>().Handle(new(video, null, PageRequest.Default), default);

        Assert.Single(own.Value!.Edges);
        Assert.Equal("INVALID_CURSOR", forged.Errors[0].Code);
        Assert.Empty(stranger.Value!.Edges);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class SetVideoLikeTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task Liking_twice_likes_once_and_unliking_takes_it_back()
    {
        var me = _world.SignIn();
        var video = _world.AddVideo(_world.AddUser("bob_films").Id);

        await _world.Get<SetVideoLike>().Handle(new(video.Id, true), default);
        await _world.Get<SetVideoLike>().Handle(new(video.Id, true), default);
        var liked = _world.Likes.Videos.Count;
        await _world.Get<SetVideoLike>().Handle(new(video.Id, false), default);

        Assert.Equal(1, liked);
        Assert.DoesNotContain((me.Id, video.Id), _world.Likes.Videos);
    }

    [Fact]
    public async Task A_private_video_of_someone_else_cannot_be_liked()
    {
        _world.SignIn();
        var video = _world.AddVideo(_world.AddUser("bob_films").Id, visibility: Visibility.Private);

        var result = await _world.Get<SetVideoLike>().Handle(new(video.Id, true), default);

        Assert.Equal("VIDEO_NOT_FOUND", result.Errors[0].Code);
        Assert.Empty(_world.Likes.Videos);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class SetCommentLikeTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_comment_on_a_video_that_became_private_cannot_be_liked_by_strangers()
    {
        var owner = _world.SignIn();
        var video = _world.AddVideo(owner.Id);
        var comment = (await _world.Get<AddComment>().Handle(new(video.Id, null, "mine"), default)).Value!;
        video.Edit(null, null, Visibility.Private, _world.Clock.UtcNow);

        var own = await _world.Get<SetCommentLike>().Handle(new(comment.Id, true), default);
        _world.SignIn("bob_films");
        var stranger = await _world.Get<SetCommentLike>().Handle(new(comment.Id, true), default);

        Assert.True(own.Succeeded);
        Assert.Equal("COMMENT_NOT_FOUND", stranger.Errors[0].Code);
        Assert.Single(_world.Likes.Comments);
    }

    public void Dispose() => _world.Dispose();
}
