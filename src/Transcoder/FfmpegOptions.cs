namespace StreamEngine.Transcoder;

/// <summary>Where ffmpeg is and how it may run.</summary>
public sealed class FfmpegOptions
{
    public string FfmpegPath { get; set; } = "ffmpeg";

    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>x264 preset: speed against compression.</summary>
    public string Preset { get; set; } = "veryfast";

    /// <summary>SVT-AV1 preset of AV1 renditions (0 slowest .. 13 fastest).</summary>
    public int Av1Preset { get; set; } = 10;

    /// <summary>How segments are packaged.</summary>
    public SegmentFormat SegmentFormat { get; set; } = SegmentFormat.Fmp4;

    /// <summary>Longest a probe may take.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest an encode may take per second of source (plus a minute), so a stuck ffmpeg cannot hold a
    /// worker forever. The seconds counted are the claimed duration, but never more than the file's bytes can really
    /// hold (<see cref="MinBytesPerSourceSecond"/>): a tiny file claiming four hours gets minutes, not days.</summary>
    public double EncodeTimeoutPerSourceSecond { get; set; } = 20;

    /// <summary>The fewest bytes a second of real video takes (a still slide at a very low bitrate is still
    /// more).</summary>
    public double MinBytesPerSourceSecond { get; set; } = 2000;

    /// <summary>An encode whose output time has not advanced for this long is stopped: the time a worker may hold a
    /// job is bounded by work really done, not by what the file claims.</summary>
    public TimeSpan EncodeStallTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Chunked encoding: a source longer than <see cref="ChunkThreshold"/> is encoded in chunks of this many
    /// seconds (a multiple of the segment length), joined without a re-encode; 0 turns it off.</summary>
    public int ChunkSeconds { get; set; }

    public TimeSpan ChunkThreshold { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Demuxers an upload may be opened with. Playlist, concat and image-sequence demuxers are never
    /// allowed: they would let an upload make ffmpeg read other files or reach the network.</summary>
    public IList<string> AllowedDemuxers { get; } =
    ["mov", "mp4", "matroska", "webm", "avi", "mpegts", "flv", "mpeg", "asf", "ogg"];
}
