using System.Diagnostics;
using System.Globalization;

namespace StreamEngine.TestSupport;

/// <summary>ffmpeg as a broadcaster: a lavfi test picture with a tone, H.264 + AAC in real time, pushed over RTMP as
/// OBS would. With a clock band, the top-left 320x20 pixels carry the picture's time since the broadcaster started
/// in tenths of a second, as 16 black-or-white blocks of 20 pixels (least significant bit first), which a player
/// reads back to measure glass-to-glass latency.</summary>
public sealed class LiveBroadcaster : IDisposable
{
    private readonly Process _process;

    private LiveBroadcaster(Process process, DateTimeOffset startedAt)
    {
        _process = process;
        StartedAt = startedAt;
    }

    /// <summary>When ffmpeg was started: the wall-clock time of the clock band's zero (give or take its
    /// start-up).</summary>
    public DateTimeOffset StartedAt { get; }

    public static LiveBroadcaster Start(
        Uri rtmpUrl,
        string key,
        int seconds,
        string videoCodec = "libx264",
        bool clockBand = false
    )
    {
        ArgumentNullException.ThrowIfNull(rtmpUrl);
        return Push($"{rtmpUrl}/{key}", "flv", seconds, videoCodec, clockBand);
    }

    /// <summary>The same picture and tone in MPEG-TS over SRT, as OBS sends it to an <c>srt://</c> URL.</summary>
    public static LiveBroadcaster StartSrt(Uri srtUrl, int seconds)
    {
        ArgumentNullException.ThrowIfNull(srtUrl);
        return Push(srtUrl.ToString(), "mpegts", seconds, "libx264", clockBand: false);
    }

    private static LiveBroadcaster Push(string target, string format, int seconds, string videoCodec, bool clockBand)
    {
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        var encoder =
            videoCodec == "libx264"
                ? new[] { "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-b:v", "1500k" }
                : ["-c:v", videoCodec];
        foreach (
            var argument in new[]
            {
                "-hide_banner",
                "-loglevel",
                "error",
                "-re",
                "-f",
                "lavfi",
                "-i",
                Picture(seconds, clockBand),
                "-f",
                "lavfi",
                "-i",
                string.Create(CultureInfo.InvariantCulture, $"sine=frequency=440:sample_rate=48000:duration={seconds}"),
            }
                .Concat(encoder)
                .Concat(["-c:a", "aac", "-b:a", "96k", "-f", format, target])
        )
        {
            start.ArgumentList.Add(argument);
        }

        var startedAt = DateTimeOffset.UtcNow;
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return new LiveBroadcaster(process, startedAt);
    }

    private static string Picture(int seconds, bool clockBand)
    {
        var length = seconds.ToString(CultureInfo.InvariantCulture);
        var picture = $"testsrc2=size=640x360:rate=30:duration={length}";
        return clockBand
            ? picture
                + $"[bg];color=black:size=320x20:rate=30:duration={length},format=gray,"
                + "geq=lum='255*mod(floor(floor(T*10)/pow(2\\,floor(X/20)))\\,2)'[band];"
                + "[bg][band]overlay=0:0:shortest=1,format=yuv420p"
            : picture;
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Waits for ffmpeg to finish by itself (the end of its source, or a refusal).</summary>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>The broadcaster dies (a crash or a lost network: no goodbye).</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
