using System.Globalization;
using System.Text;

namespace StreamEngine.Transcoder;

/// <summary>What a broadcast carries, as ffprobe found it on the ingest.</summary>
public sealed record LiveSource(string? VideoCodec, int Width, int Height, double FrameRate, string? AudioCodec);

/// <summary>One rendition of a live ladder; the top one passes the broadcaster's H.264 through.</summary>
public sealed record LiveRung(string Name, int Width, int Height, int VideoKbps, bool Passthrough);

/// <summary>How a live ladder is cut: segment length, how many segments a playlist keeps (the DVR window), the x264
/// preset of the encoded rungs.</summary>
public sealed record LiveLadderSettings(int SegmentSeconds, int WindowSegments, string Preset);

/// <summary>Plans and runs the arguments of a live HLS ladder: the same rules as for videos (never above the source,
/// aspect kept), the top rung passed through when the source is H.264 (no second encode of the largest picture), TS
/// segments, playlists that grow and slide, and a discontinuity where a returning broadcaster continues.</summary>
public static class LiveLadder
{
    /// <summary>Why a broadcast cannot be carried, or null.</summary>
    public static string? Refusal(LiveSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.VideoCodec is null || source.Width <= 0 || source.Height <= 0)
        {
            return "The broadcast carries no video.";
        }

        return source.VideoCodec != "h264"
            ? $"The broadcast's video is {source.VideoCodec}; send H.264 video (and AAC audio)."
            : null;
    }

    public static IReadOnlyList<LiveRung> Plan(LiveSource source, IReadOnlyList<LadderRung> rungs)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(rungs);
        var shortSide = Math.Min(source.Width, source.Height);
        var probe = new ProbeResult(
            "flv",
            0,
            source.Width,
            source.Height,
            0,
            source.FrameRate,
            source.VideoCodec ?? "h264",
            source.AudioCodec is not null,
            0
        );
        var nearest = rungs.OrderBy(r => Math.Abs(r.ShortSide - shortSide)).FirstOrDefault();
        var ladder = new List<LiveRung>
        {
            new($"{shortSide}p", source.Width, source.Height, nearest?.VideoKbps ?? 3000, Passthrough: true),
        };
        var lower = rungs.Where(r => r.ShortSide < shortSide).ToList();
        if (lower.Count == 0)
        {
            return ladder;
        }

        ladder.AddRange(
            RenditionLadder
                .Plan(probe, lower)
                .Where(r => r.Codec == VideoCodec.H264)
                .Select(r => new LiveRung(r.Name, r.Width, r.Height, r.VideoKbps, Passthrough: false))
        );
        return ladder;
    }

    public static IReadOnlyList<string> Arguments(
        string input,
        LiveSource source,
        IReadOnlyList<LiveRung> ladder,
        LiveLadderSettings settings
    )
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(ladder);
        ArgumentNullException.ThrowIfNull(settings);
        var audio = source.AudioCodec is not null;
        var args = new List<string> { "-hide_banner", "-nostdin", "-loglevel", "warning" };
        // The streams are known from the probe already: a short analysis starts the ladder sooner.
        var analyze = source.AudioCodec is null ? "1500000" : "2000000";
        args.AddRange([
            "-protocol_whitelist",
            "rtmp,tcp",
            "-rw_timeout",
            "5000000",
            "-analyzeduration",
            analyze,
            "-i",
            input,
        ]);
        for (var i = 0; i < ladder.Count; i++)
        {
            args.AddRange(["-map", "0:v:0"]);
            if (audio)
            {
                args.AddRange(["-map", "0:a:0"]);
            }
        }

        for (var i = 0; i < ladder.Count; i++)
        {
            var rung = ladder[i];
            var v = I(i);
            if (rung.Passthrough)
            {
                args.AddRange([$"-c:v:{v}", "copy"]);
                continue;
            }

            args.AddRange([
                $"-filter:v:{v}",
                $"scale={I(rung.Width)}:{I(rung.Height)}",
                $"-c:v:{v}",
                "libx264",
                $"-preset:v:{v}",
                settings.Preset,
                $"-tune:v:{v}",
                "zerolatency",
                $"-b:v:{v}",
                $"{I(rung.VideoKbps)}k",
                $"-maxrate:v:{v}",
                $"{I(rung.VideoKbps * 11 / 10)}k",
                $"-bufsize:v:{v}",
                $"{I(rung.VideoKbps * 2)}k",
                $"-force_key_frames:v:{v}",
                $"expr:gte(t,n_forced*{I(settings.SegmentSeconds)})",
                $"-sc_threshold:v:{v}",
                "0",
            ]);
        }

        if (audio)
        {
            args.AddRange(
                source.AudioCodec == "aac"
                    ? ["-c:a", "copy"]
                    : ["-c:a", "aac", "-b:a", $"{I(RenditionLadder.AudioKbps)}k", "-ac", "2"]
            );
        }

        var map = string.Join(' ', ladder.Select((_, i) => audio ? $"v:{I(i)},a:{I(i)}" : $"v:{I(i)}"));
        args.AddRange([
            "-f",
            "hls",
            "-hls_time",
            I(settings.SegmentSeconds),
            "-hls_list_size",
            I(settings.WindowSegments),
            "-hls_flags",
            "delete_segments+independent_segments+temp_file+append_list+discont_start+omit_endlist",
            "-hls_segment_type",
            "mpegts",
            "-var_stream_map",
            map,
            "-hls_segment_filename",
            "r%v/s%06d.ts",
            "r%v/index.m3u8",
        ]);
        return args;
    }

    /// <summary>The playlist of a rung, relative to the stream's folder.</summary>
    public static string PlaylistOf(int rung) => $"r{I(rung)}/index.m3u8";

    public static string Master(IReadOnlyList<LiveRung> ladder, bool audio)
    {
        ArgumentNullException.ThrowIfNull(ladder);
        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (var i = 0; i < ladder.Count; i++)
        {
            var rung = ladder[i];
            var bandwidth = (rung.VideoKbps + (audio ? RenditionLadder.AudioKbps : 0)) * 1100L;
            text.Append(
                CultureInfo.InvariantCulture,
                $"#EXT-X-STREAM-INF:BANDWIDTH={bandwidth},RESOLUTION={rung.Width}x{rung.Height}\n{PlaylistOf(i)}\n"
            );
        }

        return text.ToString();
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
