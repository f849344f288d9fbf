using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Engagement;
using StreamEngine.Application.Users;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Playlists;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Playlists;

/// <summary>Playlists: their owner edits them; others open public and unlisted ones and find public ones in lists.</summary>
public sealed class PlaylistLibrary(IVideoStore videos, IEngagementStore store, IEngagementQueries queries, ICurrentUser caller, IClock clock)
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

        return await store.AddPlaylistItemAsync(id, videoId, index, Playlist.MaxItems, clock.UtcNow, ct) switch
        {
            PlaylistAddition.Added => owned.Value,
            PlaylistAddition.Full => EngagementErrors.PlaylistFull,
            _ => EngagementErrors.AlreadyInPlaylist,
        };
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
