using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Videos;

/// <summary>The check every edit of a READY video's media shares (captions, thumbnails, downloads).</summary>
internal static class MediaEditRules
{
    /// <summary>Why a video's media may not be edited now (it is not READY, or this pipeline cannot make the edit),
    /// or null.</summary>
    public static Error? Editable(Video video, IVideoMediaEditor media, MediaEdit edit) =>
        !video.IsReady ? VideoErrors.VideoNotReady
        : !media.Supports(edit) ? VideoErrors.MediaEditUnavailable
        : null;
}
