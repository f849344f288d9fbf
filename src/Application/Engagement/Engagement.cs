using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Engagement;
using StreamEngine.Domain.Users;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Engagement;

/// <summary>The <c>StreamEngine:Engagement</c> section.</summary>
public sealed class EngagementOptions
{
    public const string Section = "StreamEngine:Engagement";

    /// <summary>A viewer's views of one video count once per this window.</summary>
    public TimeSpan ViewWindow { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The newest entries a watch history keeps.</summary>
    public int WatchHistoryLimit { get; set; } = 1000;
}

/// <summary>Checks a page request (both directions at once, or sizes out of range, are refused).</summary>
public static class Pages
{
    public static Error? Check(PageRequest page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return (page.First is not null && page.Last is not null) || page.First is < 0 or > PageRequest.MaxSize || page.Last is < 0 or > PageRequest.MaxSize
            ? EngagementErrors.InvalidPage
            : null;
    }

    /// <summary>Runs a page query, turning a cursor the store cannot read into INVALID_CURSOR.</summary>
    public static async Task<Result<Page<T>>> RunAsync<T>(PageRequest page, Func<Task<Page<T>>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (Check(page) is { } error)
        {
            return error;
        }

        try
        {
            return await query();
        }
        catch (InvalidCursorException)
        {
            return EngagementErrors.InvalidCursor;
        }
    }
}

/// <summary>Channels (a user's public face), subscriptions and the feed.</summary>
public sealed class Channels(IAccountStore accounts, IEngagementStore store, IEngagementQueries queries, ICurrentUser caller, IClock clock)
{
    public Task<User?> ByHandle(string handle, CancellationToken ct) =>
        Handle.TryParse(handle, out var parsed) ? accounts.FindUserByHandleAsync(parsed, ct) : Task.FromResult<User?>(null);

    public async Task<Result<User>> Subscribe(Guid channelId, bool subscribe, CancellationToken ct)
    {
        if (caller.UserId is not { } userId)
        {
            return AccountErrors.NotAuthenticated;
        }

        if (await accounts.FindUserAsync(channelId, ct) is not { } channel)
        {
            return EngagementErrors.ChannelNotFound;
        }

        if (channel.Id == userId)
        {
            return EngagementErrors.CannotSubscribeToSelf;
        }

        _ = subscribe
            ? await store.SubscribeAsync(userId, channelId, clock.UtcNow, ct)
            : await store.UnsubscribeAsync(userId, channelId, ct);
        return await queries.UsersAsync([channelId], ct) is { } fresh && fresh.TryGetValue(channelId, out var updated) ? updated : channel;
    }

    public Task<Result<Page<User>>> MySubscriptions(PageRequest page, CancellationToken ct) =>
        caller.UserId is { } userId ? Pages.RunAsync(page, () => queries.SubscriptionsAsync(userId, page, ct)) : NotSignedIn<User>();

    public Task<Result<Page<User>>> MySubscribers(PageRequest page, CancellationToken ct) =>
        caller.UserId is { } userId ? Pages.RunAsync(page, () => queries.SubscribersAsync(userId, page, ct)) : NotSignedIn<User>();

    public Task<Result<Page<Video>>> Feed(PageRequest page, CancellationToken ct) =>
        caller.UserId is { } userId ? Pages.RunAsync(page, () => queries.FeedAsync(userId, page, ct)) : NotSignedIn<Video>();

    /// <summary>A channel's videos (all of them for its owner) or any search over the listed videos.</summary>
    public Task<Result<Page<Video>>> Videos(Guid? ownerId, string? search, VideoOrder order, PageRequest page, CancellationToken ct) =>
        Pages.RunAsync(page, () => queries.VideosAsync(new VideoQuery(caller.UserId, ownerId, search, order), page, ct));

    public Task<Result<Page<Playlist>>> Playlists(Guid ownerId, PageRequest page, CancellationToken ct) =>
        Pages.RunAsync(page, () => queries.PlaylistsAsync(ownerId, caller.UserId, page, ct));

    /// <summary>The signed-in user's channel totals; null for anyone else.</summary>
    public async Task<Result<ChannelTotals>> Dashboard(CancellationToken ct) =>
        caller.UserId is { } userId ? await queries.ChannelTotalsAsync(userId, ct) : AccountErrors.NotAuthenticated;

    internal static Task<Result<Page<T>>> NotSignedIn<T>() => Task.FromResult<Result<Page<T>>>(AccountErrors.NotAuthenticated);
}

/// <summary>Likes of videos and comments: one per user, idempotent.</summary>
public sealed class Likes(IVideoStore videos, IEngagementStore store, ICurrentUser caller, IClock clock)
{
    public async Task<Result<Guid>> Video(Guid videoId, bool like, CancellationToken ct)
    {
        if (caller.UserId is not { } userId)
        {
            return AccountErrors.NotAuthenticated;
        }

        if (await videos.FindVideoAsync(videoId, ct) is not { } video || !VideoAccess.CanView(video, userId) || !video.IsReady)
        {
            return VideoErrors.NotFound;
        }

        _ = like ? await store.LikeVideoAsync(userId, videoId, clock.UtcNow, ct) : await store.UnlikeVideoAsync(userId, videoId, ct);
        return videoId;
    }

    public async Task<Result<Guid>> Comment(Guid commentId, bool like, CancellationToken ct)
    {
        if (caller.UserId is not { } userId)
        {
            return AccountErrors.NotAuthenticated;
        }

        if (await store.FindCommentAsync(commentId, ct) is not { } comment
            || await videos.FindVideoAsync(comment.VideoId, ct) is not { } video || !VideoAccess.CanView(video, userId))
        {
            return EngagementErrors.CommentNotFound;
        }

        _ = like ? await store.LikeCommentAsync(userId, commentId, clock.UtcNow, ct) : await store.UnlikeCommentAsync(userId, commentId, ct);
        return commentId;
    }
}

/// <summary>Comments: anyone who may watch a READY video may comment and reply (one level); authors edit and
/// delete theirs; the video's owner deletes any on their video.</summary>
public sealed class Comments(IVideoStore videos, IEngagementStore store, IEngagementQueries queries, ICurrentUser caller, IClock clock)
{
    public async Task<Result<Comment>> Add(Guid videoId, Guid? parentId, string? body, CancellationToken ct)
    {
        if (caller.UserId is not { } userId)
        {
            return AccountErrors.NotAuthenticated;
        }

        if (await videos.FindVideoAsync(videoId, ct) is not { } video || !VideoAccess.CanView(video, userId) || !video.IsReady)
        {
            return VideoErrors.NotFound;
        }

        if (Comment.NormalizeBody(body) is not { } text)
        {
            return EngagementErrors.InvalidComment;
        }

        Comment? parent = null;
        if (parentId is { } id)
        {
            parent = await store.FindCommentAsync(id, ct);
            if (parent is null || parent.VideoId != videoId)
            {
                return EngagementErrors.CommentNotFound with { Field = "parentId" };
            }

            if (parent.ParentId is not null)
            {
                return EngagementErrors.ReplyTooDeep;
            }
        }

        var comment = Comment.Create(videoId, userId, parent, text, clock.UtcNow);
        await store.AddCommentAsync(comment, ct);
        return await store.FindCommentAsync(comment.Id, ct) is { } saved ? saved : comment;
    }

    public async Task<Result<Comment>> Edit(Guid commentId, string? body, CancellationToken ct)
    {
        if (caller.UserId is not { } userId)
        {
            return AccountErrors.NotAuthenticated;
        }

        if (await VisibleAsync(commentId, userId, ct) is not { } comment)
        {
            return EngagementErrors.CommentNotFound;
        }

        if (comment.AuthorId != userId)
        {
            return VideoErrors.NotOwner with { Message = "Only the author may edit a comment." };
        }

        if (Comment.NormalizeBody(body) is not { } text)
        {
            return EngagementErrors.InvalidComment;
        }

        await store.EditCommentAsync(commentId, text, clock.UtcNow, ct);
        return (await store.FindCommentAsync(commentId, ct))!;
    }

    public async Task<Result<Guid>> Delete(Guid commentId, CancellationToken ct)
    {
        if (caller.UserId is not { } userId)
        {
            return AccountErrors.NotAuthenticated;
        }

        if (await VisibleAsync(commentId, userId, ct) is not { } comment)
        {
            return EngagementErrors.CommentNotFound;
        }

        var video = await videos.FindVideoAsync(comment.VideoId, ct);
        if (comment.AuthorId != userId && video?.OwnerId != userId)
        {
            return VideoErrors.NotOwner with { Message = "Only the author or the video's owner may delete a comment." };
        }

        await store.DeleteCommentAsync(comment, ct);
        return commentId;
    }

    public async Task<Result<Page<Comment>>> List(Video video, Guid? parentId, PageRequest page, CancellationToken ct) =>
        VideoAccess.CanView(video, caller.UserId)
            ? await Pages.RunAsync(page, () => queries.CommentsAsync(video.Id, parentId, page, ct))
            : Page<Comment>.Empty;

    private async Task<Comment?> VisibleAsync(Guid commentId, Guid userId, CancellationToken ct) =>
        await store.FindCommentAsync(commentId, ct) is { } comment && await videos.FindVideoAsync(comment.VideoId, ct) is { } video
            && VideoAccess.CanView(video, userId) ? comment : null;
}

/// <summary>Playlists: their owner edits them; others open public and unlisted ones and find public ones in lists.</summary>
public sealed class Playlists(IVideoStore videos, IEngagementStore store, IEngagementQueries queries, ICurrentUser caller, IClock clock)
{
    public async Task<Playlist?> ById(Guid id, CancellationToken ct) =>
        await store.FindPlaylistAsync(id, ct) is { } playlist && playlist.CanBeOpenedBy(caller.UserId) ? playlist : null;

    public Task<Result<Page<PlaylistEntry>>> Items(Playlist playlist, PageRequest page, CancellationToken ct) =>
        Pages.RunAsync(page, () => queries.PlaylistItemsAsync(playlist.Id, caller.UserId, page, ct));

    public async Task<Result<Playlist>> Create(string? title, string? description, Visibility visibility, CancellationToken ct)
    {
        if (caller.UserId is not { } userId)
        {
            return AccountErrors.NotAuthenticated;
        }

        if (CheckText(title, description, requireTitle: true) is { } error)
        {
            return error;
        }

        var playlist = Playlist.Create(userId, title!.Trim(), string.IsNullOrWhiteSpace(description) ? null : description.Trim(), visibility, clock.UtcNow);
        await store.AddPlaylistAsync(playlist, ct);
        return playlist;
    }

    public async Task<Result<Playlist>> Update(Guid id, string? title, string? description, Visibility? visibility, CancellationToken ct)
    {
        var owned = await OwnedAsync(id, ct);
        if (!owned.Succeeded)
        {
            return owned;
        }

        if (CheckText(title, description, requireTitle: false) is { } error)
        {
            return error;
        }

        owned.Value.Update(title?.Trim(), description?.Trim(), visibility, clock.UtcNow);
        await store.SavePlaylistAsync(owned.Value, ct);
        return owned.Value;
    }

    public async Task<Result<Guid>> Delete(Guid id, CancellationToken ct)
    {
        var owned = await OwnedAsync(id, ct);
        if (!owned.Succeeded)
        {
            return Result<Guid>.Failure(owned.Errors);
        }

        await store.DeletePlaylistAsync(id, ct);
        return id;
    }

    public async Task<Result<Playlist>> AddItem(Guid id, Guid videoId, int? index, CancellationToken ct)
    {
        var owned = await OwnedAsync(id, ct);
        if (!owned.Succeeded)
        {
            return owned;
        }

        if (await videos.FindVideoAsync(videoId, ct) is not { } video || !VideoAccess.CanView(video, caller.UserId))
        {
            return VideoErrors.NotFound with { Field = "videoId" };
        }

        if (await store.CountPlaylistItemsAsync(id, ct) >= Playlist.MaxItems)
        {
            return EngagementErrors.PlaylistFull;
        }

        return await store.AddPlaylistItemAsync(id, videoId, index, clock.UtcNow, ct) ? owned.Value : EngagementErrors.AlreadyInPlaylist;
    }

    public async Task<Result<Playlist>> RemoveItem(Guid id, Guid videoId, CancellationToken ct)
    {
        var owned = await OwnedAsync(id, ct);
        return !owned.Succeeded ? owned
            : await store.RemovePlaylistItemAsync(id, videoId, ct) ? owned.Value
            : EngagementErrors.NotInPlaylist;
    }

    public async Task<Result<Playlist>> MoveItem(Guid id, Guid videoId, int index, CancellationToken ct)
    {
        var owned = await OwnedAsync(id, ct);
        return !owned.Succeeded ? owned
            : await store.MovePlaylistItemAsync(id, videoId, index, ct) ? owned.Value
            : EngagementErrors.NotInPlaylist;
    }

    private async Task<Result<Playlist>> OwnedAsync(Guid id, CancellationToken ct)
    {
        if (caller.UserId is not { } userId)
        {
            return AccountErrors.NotAuthenticated;
        }

        if (await store.FindPlaylistAsync(id, ct) is not { } playlist || !playlist.CanBeOpenedBy(userId))
        {
            return EngagementErrors.PlaylistNotFound;
        }

        return playlist.OwnerId == userId ? playlist : VideoErrors.NotOwner;
    }

    private static Error? CheckText(string? title, string? description, bool requireTitle) =>
        (requireTitle || title is not null) && title?.Trim() is not { Length: > 0 and <= Playlist.MaxTitleLength } ? EngagementErrors.InvalidPlaylistTitle
        : description?.Trim().Length > Playlist.MaxDescriptionLength ? EngagementErrors.InvalidPlaylistDescription
        : null;
}

public sealed record ViewOutcome(Video Video, bool Counted);

/// <summary>Viewings: a player reports one when playback starts. The view counts at most once per viewer per
/// window, and the viewing goes into the viewer's history unless they paused it.</summary>
public sealed class Viewings(
    IVideoStore videos, IAccountStore accounts, IEngagementStore store, IEngagementQueries queries, ICurrentUser caller, IClock clock, IOptions<EngagementOptions> options)
{
    public async Task<Result<ViewOutcome>> Record(Guid videoId, CancellationToken ct)
    {
        if (await videos.FindVideoAsync(videoId, ct) is not { } video || !VideoAccess.CanView(video, caller.UserId) || !video.IsReady)
        {
            return VideoErrors.NotFound;
        }

        var now = clock.UtcNow;
        // An anonymous viewer is their network address, kept only as a digest.
        var viewer = caller.UserId is { } userId ? "u:" + userId.ToString("N")
            : "a:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(caller.ClientAddress)))[..40];
        var counted = await store.CountViewAsync(videoId, viewer, now, options.Value.ViewWindow, ct);
        if (caller.UserId is { } id && await accounts.FindUserAsync(id, ct) is { WatchHistoryPaused: false })
        {
            await store.RecordWatchAsync(id, videoId, now, options.Value.WatchHistoryLimit, ct);
        }

        var fresh = await queries.VideosByIdAsync([videoId], ct);
        return new ViewOutcome(fresh.TryGetValue(videoId, out var updated) ? updated : video, counted);
    }

    public Task<Result<Page<WatchedVideo>>> History(PageRequest page, CancellationToken ct) =>
        caller.UserId is { } userId ? Pages.RunAsync(page, () => queries.WatchHistoryAsync(userId, page, ct)) : Channels.NotSignedIn<WatchedVideo>();

    public async Task<Result<User>> Pause(bool paused, CancellationToken ct)
    {
        if (caller.UserId is not { } userId || await accounts.FindUserAsync(userId, ct) is not { } user)
        {
            return AccountErrors.NotAuthenticated;
        }

        user.PauseWatchHistory(paused);
        await accounts.SaveChangesAsync(ct);
        return user;
    }

    public async Task<Result<int>> Clear(Guid? videoId, CancellationToken ct)
    {
        if (caller.UserId is not { } userId)
        {
            return AccountErrors.NotAuthenticated;
        }

        return videoId is { } id ? await store.RemoveFromWatchHistoryAsync(userId, id, ct) ? 1 : 0 : await store.ClearWatchHistoryAsync(userId, ct);
    }
}
