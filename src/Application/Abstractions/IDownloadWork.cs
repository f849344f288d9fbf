namespace StreamEngine.Application.Abstractions;

/// <summary>Makes downloads in the background, one at a time per video; the maker reports through
/// <c>CompleteVideoDownload</c>.</summary>
public interface IDownloadWork
{
    /// <summary>Whether a download of the video is being made by this process now.</summary>
    bool IsRunning(Guid videoId);

    /// <summary>Queues the making of the video's download into <paramref name="file"/>.</summary>
    void Start(Guid videoId, string file);
}
