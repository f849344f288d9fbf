using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Channels;
using StreamEngine.Application.Playlists;
using StreamEngine.Domain.Users;
using StreamEngine.Domain.Videos;
using StreamEngine.Fakes;

namespace StreamEngine.Application.Tests.Channels;

public sealed class SetSubscriptionTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task Subscribing_is_idempotent_and_never_to_oneself_or_to_nobody()
    {
        var channel = _world.AddUser("bob_films");
        var me = _world.SignIn();

        await _world.Get<SetSubscription>().Handle(new(channel.Id, true), default);
        await _world.Get<SetSubscription>().Handle(new(channel.Id, true), default);
        var self = await _world.Get<SetSubscription>().Handle(new(me.Id, true), default);
        var nobody = await _world.Get<SetSubscription>().Handle(new(Guid.NewGuid(), true), default);

        Assert.Equal([(me.Id, channel.Id)], _world.Subscriptions.All);
        Assert.Equal("CANNOT_SUBSCRIBE_TO_SELF", self.Errors[0].Code);
        Assert.Equal("CHANNEL_NOT_FOUND", nobody.Errors[0].Code);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class ListMySubscriptionsTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task The_channels_i_follow_are_listed_for_me_only()
    {
        var channel = _world.AddUser("bob_films");
        _world.SignIn();
        await _world.Get<SetSubscription>().Handle(new(channel.Id, true), default);

        var mine = await _world.Get<ListMySubscriptions>().Handle(PageRequest.Default, default);
        _world.Caller.SignOut();
        var anonymous = await _world.Get<ListMySubscriptions>().Handle(PageRequest.Default, default);

        Assert.Equal([channel.Id], mine.Value!.Edges.Select(e => e.Node.Id));
        Assert.Equal("NOT_AUTHENTICATED", anonymous.Errors[0].Code);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class ListMySubscribersTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task The_users_who_follow_me_are_listed_and_a_page_too_large_is_refused()
    {
        var me = _world.AddUser();
        var fan = _world.SignIn("bob_films");
        await _world.Get<SetSubscription>().Handle(new(me.Id, true), default);
        _world.Caller.SignIn(me.Id);

        var fans = await _world.Get<ListMySubscribers>().Handle(PageRequest.Default, default);
        var huge = await _world
            .Get<ListMySubscribers>()
            .Handle(new(PageRequest.MaxSize + 1, null, null, null), default);

        Assert.Equal([fan.Id], fans.Value!.Edges.Select(e => e.Node.Id));
        Assert.Equal("INVALID_PAGE", huge.Errors[0].Code);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class GetFeedTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task The_feed_holds_ready_public_videos_of_followed_channels_only()
    {
        var followed = _world.AddUser("bob_films");
        var other = _world.AddUser("eve_films");
        var shown = _world.AddVideo(followed.Id);
        _world.AddVideo(followed.Id, visibility: Visibility.Private);
        _world.AddVideo(followed.Id, VideoStatus.Processing);
        _world.AddVideo(other.Id);
        _world.SignIn();
        await _world.Get<SetSubscription>().Handle(new(followed.Id, true), default);

        var feed = await _world.Get<GetFeed>().Handle(PageRequest.Default, default);

        Assert.Equal([shown.Id], feed.Value!.Edges.Select(e => e.Node.Id));
    }

    public void Dispose() => _world.Dispose();
}

public sealed class ListVideosTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_channel_shows_all_its_videos_to_its_owner_and_the_listed_ones_to_others()
    {
        var owner = _world.AddUser();
        var listed = _world.AddVideo(owner.Id);
        _world.AddVideo(owner.Id, visibility: Visibility.Private);
        _world.AddVideo(owner.Id, VideoStatus.Failed);

        var stranger = await _world
            .Get<ListVideos>()
            .Handle(new(owner.Id, null, VideoOrder.Newest, PageRequest.Default), default);
        _world.Caller.SignIn(owner.Id);
        var own = await _world
            .Get<ListVideos>()
            .Handle(new(owner.Id, null, VideoOrder.Newest, PageRequest.Default), default);

        Assert.Equal([listed.Id], stranger.Value!.Edges.Select(e => e.Node.Video.Id));
        Assert.Equal(3, own.Value!.TotalCount);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class ListChannelPlaylistsTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task Others_see_a_channels_public_playlists_only()
    {
        var owner = _world.SignIn();
        await _world.Get<CreatePlaylist>().Handle(new("Open", null, Visibility.Public), default);
        await _world.Get<CreatePlaylist>().Handle(new("Mine", null, Visibility.Private), default);

        var own = await _world.Get<ListChannelPlaylists>().Handle(new(owner.Id, PageRequest.Default), default);
        _world.Caller.SignOut();
        var stranger = await _world.Get<ListChannelPlaylists>().Handle(new(owner.Id, PageRequest.Default), default);

        Assert.Equal(2, own.Value!.Edges.Count);
        Assert.Equal(["Open"], stranger.Value!.Edges.Select(e => e.Node.Title));
    }

    public void Dispose() => _world.Dispose();
}

public sealed class GetChannelDashboardTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task The_totals_are_the_callers_own()
    {
        var me = _world.SignIn();
        _world.AddVideo(me.Id);
        _world.AddVideo(me.Id, VideoStatus.Processing);
        _world.AddVideo(_world.AddUser("bob_films").Id);

        var totals = await _world.Get<GetChannelDashboard>().Handle(default);

        Assert.Equal(2, totals.Value!.Videos);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class BeginChannelImageUploadTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public void Size_and_pending_uploads_are_limited()
    {
        _world.SignIn();
        var begin = _world.Get<BeginChannelImageUpload>();

        var tooLarge = begin.Handle(new(ChannelImageKind.Avatar, ChannelImageRules.MaxImageBytes + 1));
        for (var i = 0; i < ChannelImageRules.MaxPendingUploads; i++)
        {
            Assert.True(begin.Handle(new(ChannelImageKind.Avatar, 1000)).Succeeded);
        }

        var onePast = begin.Handle(new(ChannelImageKind.Banner, 1000));

        Assert.Equal("IMAGE_TOO_LARGE", tooLarge.Errors[0].Code);
        Assert.Equal("QUOTA_EXCEEDED", onePast.Errors[0].Code);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class CompleteChannelImageUploadTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_new_avatar_replaces_the_old_one_whose_file_is_removed_and_a_refused_file_changes_nothing()
    {
        var me = _world.SignIn();
        var first = _world.Get<BeginChannelImageUpload>().Handle(new(ChannelImageKind.Avatar, 1000)).Value!;
        await _world.Get<CompleteChannelImageUpload>().Handle(new(ChannelImageKind.Avatar, first.Token), default);
        var second = _world.Get<BeginChannelImageUpload>().Handle(new(ChannelImageKind.Avatar, 1000)).Value!;
        await _world.Get<CompleteChannelImageUpload>().Handle(new(ChannelImageKind.Avatar, second.Token), default);
        var third = _world.Get<BeginChannelImageUpload>().Handle(new(ChannelImageKind.Avatar, 1000)).Value!;
        _world.Images.Refusal = "Not an image.";

        var refused = await _world
            .Get<CompleteChannelImageUpload>()
            .Handle(new(ChannelImageKind.Avatar, third.Token), default);

        Assert.Equal(2, me.AvatarVersion);
        Assert.Equal([(me.Id, ChannelImageKind.Avatar, 1L)], _world.Images.Deleted);
        Assert.Equal(("INVALID_IMAGE", "Not an image."), (refused.Errors[0].Code, refused.Errors[0].Message));
    }

    public void Dispose() => _world.Dispose();
}

public sealed class RemoveChannelImageTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task Removing_clears_the_banner_and_deletes_its_file()
    {
        var me = _world.SignIn();
        var upload = _world.Get<BeginChannelImageUpload>().Handle(new(ChannelImageKind.Banner, 1000)).Value!;
        await _world.Get<CompleteChannelImageUpload>().Handle(new(ChannelImageKind.Banner, upload.Token), default);

        await _world.Get<RemoveChannelImage>().Handle(ChannelImageKind.Banner, default);

        Assert.Null(me.BannerVersion);
        Assert.Single(_world.Images.Deleted);
    }

    public void Dispose() => _world.Dispose();
}
