namespace StreamEngine.Transcoder;

/// <summary>Where ffmpeg is and how it may run.</summary>
public sealed class FfmpegOptions
{
    public string FfmpegPath { get; set; } = "ffmpeg";

    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>x264 preset: speed against compression.</summary>
    public string Preset { get; set; } = "veryfast";

    /// <summary>Longest a probe may take.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest an encode may take per second of source (plus a minute), so a stuck ffmpeg cannot hold a
    /// worker forever.</summary>
    public double EncodeTimeoutPerSourceSecond { get; set; } = 20;

    /// <summary>Demuxers an upload may be opened with. Playlist, concat and image-sequence demuxers are never
    /// allowed: they would let an upload make ffmpeg read other files or reach the network.</summary>
    public IList<string> AllowedDemuxers { get; } = ["mov", "mp4", "matroska", "webm", "avi", "mpegts", "flv", "mpeg", "asf", "ogg"];
}
