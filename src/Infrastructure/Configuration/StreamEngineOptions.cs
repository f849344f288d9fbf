namespace StreamEngine.Infrastructure.Configuration;

/// <summary>Settings at the root of the <c>StreamEngine</c> section.</summary>
public sealed class StreamEngineOptions
{
    public const string Section = "StreamEngine";

    /// <summary>Where the embedded default keeps everything it writes: database, media, outbox, keys.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>The public base URL of this server, used in e-mail links and signed media URLs. Empty: derived from
    /// the request.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>What this process does: <c>All</c> (the API and a transcode worker), <c>Api</c> (no worker) or
    /// <c>Worker</c> (a transcode worker only, with no API: health and metrics alone are served).</summary>
    public ServerRole Role { get; set; } = ServerRole.All;

    /// <summary>A relative path is taken from the working directory, so <c>scripts/run.sh</c> keeps its data in the
    /// repository's <c>./data</c>.</summary>
    public string ResolveDataDirectory() => Path.GetFullPath(DataDirectory);
}

/// <summary>What a StreamEngine process does; several processes on one PostgreSQL database and one storage share the
/// job queue.</summary>
public enum ServerRole
{
    All = 0,
    Api = 1,
    Worker = 2,
}
