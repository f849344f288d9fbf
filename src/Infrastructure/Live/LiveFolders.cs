using StreamEngine.Infrastructure.Configuration;

namespace StreamEngine.Infrastructure.Live;

/// <summary>Where live streaming keeps its files under the data directory: nginx's own, the recordings nginx writes
/// (one file per connection, named by stream id), the live ladders, and joined recordings.</summary>
public sealed class LiveFolders(DataDirectory data)
{
    public string Root => Path.Combine(data.Path, "live");

    public string Nginx => Folder("nginx");

    public string Recordings => Folder("recordings");

    public string Joined => Folder("joined");

    public string StreamOf(Guid streamId) => Path.Combine(Folder("streams"), streamId.ToString("N"));

    /// <summary>The recorded parts of a stream, oldest first.</summary>
    public IReadOnlyList<string> RecordingsOf(Guid streamId) =>
        [.. Directory.EnumerateFiles(Recordings, $"{streamId:N}-*.flv").Order(StringComparer.Ordinal)];

    private string Folder(string name)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(path);
        return path;
    }
}
