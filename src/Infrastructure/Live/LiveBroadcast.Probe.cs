using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StreamEngine.Transcoder;

namespace StreamEngine.Infrastructure.Live;

/// <summary>What the broadcast carries, asked of ffprobe on the ingest's loopback.</summary>
internal sealed partial class LiveBroadcast
{
    /// <summary>Probes the broadcast; the ingest refuses players of a stream whose publish has not begun yet (it
    /// begins once our callback has answered), so a refusal is tried again for a few seconds.</summary>
    private async Task<LiveSource?> ProbeAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var started = DateTimeOffset.UtcNow;
            var source = await ProbeOnceAsync(attempt < 6, ct);
            if (source is { VideoCodec: null })
            {
                source = await ProbeOnceAsync(attempt < 6, ct, quick: false);
            }

            if (source is not null || attempt >= 6 || DateTimeOffset.UtcNow - started > TimeSpan.FromSeconds(2))
            {
                return source;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
    }

    private async Task<LiveSource?> ProbeOnceAsync(bool quiet, CancellationToken ct, bool quick = true)
    {
        string[] arguments =
        [
            "-v",
            "error",
            "-protocol_whitelist",
            "rtmp,tcp",
            "-rw_timeout",
            "10000000",
            // FLV announces no stream count, so probing runs to its time limit: 1.5 s of the broadcast is enough
            // to see both streams (a probe that finds no video is taken again at the default before refusing).
            "-analyzeduration",
            quick ? "1500000" : "5000000",
            "-show_entries",
            "stream=codec_type,codec_name,width,height,avg_frame_rate",
            "-of",
            "json",
            input,
        ];
        var result = await ProcessRunner.RunAsync(ffmpeg.FfprobePath, arguments, TimeSpan.FromSeconds(20), null, ct);
        if (result.ExitCode != 0 || result.TimedOut)
        {
            if (!quiet)
            {
                logger.LogInformation(
                    "Live stream {StreamId} could not be probed: {Errors}",
                    streamId,
                    result.ErrorTail
                );
            }

            return null;
        }

        using var json = JsonDocument.Parse(result.StandardOutput);
        string? videoCodec = null,
            audioCodec = null;
        int width = 0,
            height = 0;
        var fps = 30.0;
        foreach (var stream in json.RootElement.GetProperty("streams").EnumerateArray())
        {
            var type = stream.TryGetProperty("codec_type", out var t) ? t.GetString() : null;
            var codec = stream.TryGetProperty("codec_name", out var c) ? c.GetString() : "unknown";
            if (type == "video" && videoCodec is null)
            {
                videoCodec = codec;
                width = stream.TryGetProperty("width", out var w) ? w.GetInt32() : 0;
                height = stream.TryGetProperty("height", out var h) ? h.GetInt32() : 0;
                fps = Rate(stream.TryGetProperty("avg_frame_rate", out var r) ? r.GetString() : null) ?? fps;
            }
            else if (type == "audio" && audioCodec is null)
            {
                audioCodec = codec;
            }
        }

        return new LiveSource(videoCodec, width, height, fps, audioCodec);
    }

    private static double? Rate(string? fraction)
    {
        var parts = fraction?.Split('/');
        return
            parts is [var n, var d]
            && double.TryParse(n, CultureInfo.InvariantCulture, out var num)
            && double.TryParse(d, CultureInfo.InvariantCulture, out var den)
            && den > 0
            && num > 0
            ? num / den
            : null;
    }
}
