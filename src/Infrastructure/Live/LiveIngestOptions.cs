namespace StreamEngine.Infrastructure.Live;

/// <summary>The ingest's part of the <c>StreamEngine:Live</c> section: where nginx and its RTMP module are, where
/// broadcasters connect, how the live ladder is cut.</summary>
public sealed class LiveIngestOptions
{
    public const string Section = "StreamEngine:Live";

    public string NginxPath { get; set; } = "/usr/sbin/nginx";

    public string RtmpModulePath { get; set; } = "/usr/lib/nginx/modules/ngx_rtmp_module.so";

    /// <summary>The address RTMP listens on.</summary>
    public string RtmpAddress { get; set; } = "0.0.0.0";

    /// <summary>The RTMP port (1935, what OBS assumes); 0 picks a free one (tests).</summary>
    public int RtmpPort { get; set; } = 1935;

    /// <summary>What broadcasters are told to connect to; by default <c>rtmp://{public host}:{port}/live</c>.</summary>
    public Uri? PublicRtmpUrl { get; set; }

    /// <summary>The address SRT listeners bind to.</summary>
    public string SrtAddress { get; set; } = "0.0.0.0";

    /// <summary>The UDP ports of SRT listeners, one per stream that has not ended (<c>first-last</c>); empty turns SRT
    /// off. The range's size caps the streams that can take SRT at once.</summary>
    public string SrtPorts { get; set; } = "10080-10099";

    /// <summary>The most SRT ports one account holds at once (its streams beyond that show no <c>srtUrl</c>; RTMP
    /// still takes them).</summary>
    public int SrtPortsPerAccount { get; set; } = 2;

    /// <summary>Segment length; 1 in low-latency mode.</summary>
    public int SegmentSeconds { get; set; } = 2;

    /// <summary>Shorter segments and a shorter live window, for a lower glass-to-glass latency at more requests per
    /// viewer.</summary>
    public bool LowLatency { get; set; }

    /// <summary>How far back a viewer may seek in a live stream.</summary>
    public TimeSpan DvrWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>x264 preset of the encoded (lower) rungs.</summary>
    public string Preset { get; set; } = "veryfast";

    /// <summary>The short sides of the rungs below the broadcast's own (which passes through).</summary>
    public int[] LadderHeights { get; set; } = [720, 360];

    internal IReadOnlyList<int> SrtPortRange()
    {
        var parts = SrtPorts.Split('-', 2, StringSplitOptions.TrimEntries);
        return
            parts.Length == 2
            && int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var first)
            && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var last)
            && first is > 0 and <= 65535
            && last >= first
            && last <= 65535
            ? [.. Enumerable.Range(first, Math.Min(last - first + 1, 1000))]
            : [];
    }

    internal int EffectiveSegmentSeconds => LowLatency ? 1 : Math.Max(1, SegmentSeconds);

    internal int WindowSegments => Math.Max(3, (int)Math.Ceiling(DvrWindow.TotalSeconds / EffectiveSegmentSeconds));
}
