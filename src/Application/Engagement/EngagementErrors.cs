using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Engagement;
using StreamEngine.Domain.Playlists;

namespace StreamEngine.Application.Engagement;

public static class EngagementErrors
{
    public static readonly Error ChannelNotFound = new(
        "CHANNEL_NOT_FOUND",
        "No such channel.",
        Kind: ErrorKind.NotFound
    );
    public static readonly Error CannotSubscribeToSelf = new(
        "CANNOT_SUBSCRIBE_TO_SELF",
        "You cannot subscribe to your own channel."
    );
    public static readonly Error CommentNotFound = new(
        "COMMENT_NOT_FOUND",
        "No such comment.",
        Kind: ErrorKind.NotFound
    );
    public static readonly Error InvalidComment = new(
        "INVALID_COMMENT",
        $"A comment has 1 to {Comment.MaxBodyLength} characters.",
        "body"
    );
    public static readonly Error ReplyTooDeep = new(
        "REPLY_TOO_DEEP",
        "Replies are one level deep: reply to the top-level comment.",
        "parentId"
    );
    public static readonly Error PlaylistNotFound = new(
        "PLAYLIST_NOT_FOUND",
        "No such playlist.",
        Kind: ErrorKind.NotFound
    );
    public static readonly Error InvalidPlaylistTitle = new(
        "INVALID_TITLE",
        $"A title has 1 to {Playlist.MaxTitleLength} characters.",
        "title"
    );
    public static readonly Error InvalidPlaylistDescription = new(
        "INVALID_DESCRIPTION",
        $"A description has at most {Playlist.MaxDescriptionLength} characters.",
        "description"
    );
    public static readonly Error AlreadyInPlaylist = new(
        "ALREADY_IN_PLAYLIST",
        "The video is in this playlist already.",
        "videoId",
        Kind: ErrorKind.Conflict
    );
    public static readonly Error NotInPlaylist = new(
        "NOT_IN_PLAYLIST",
        "The video is not in this playlist.",
        "videoId",
        Kind: ErrorKind.NotFound
    );
    public static readonly Error PlaylistFull = new(
        "PLAYLIST_FULL",
        $"A playlist holds at most {Playlist.MaxItems} videos.",
        Kind: ErrorKind.Conflict
    );
    public static readonly Error InvalidCursor = new("INVALID_CURSOR", "The cursor is not valid for this list.");
    public static readonly Error InvalidPage = new(
        "INVALID_PAGE",
        $"Ask for first or last (0 to {PageRequest.MaxSize}), not both."
    );
}
