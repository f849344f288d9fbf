using System.Diagnostics;
using System.Globalization;

namespace StreamEngine.TestSupport;

/// <summary>ffmpeg as a broadcaster: a lavfi test picture with a tone, H.264 + AAC in real time, pushed over RTMP as
/// OBS would. With a clock band (<see cref="ClockBand"/>), the top-left 320x20 pixels carry the wall-clock time at
/// which the broadcaster made the frame, which a player reads back to measure glass-to-glass latency.</summary>
public sealed class LiveBroadcaster : IDisposable
{
    private readonly Process _process;

    private LiveBroadcaster(Process process)
    {
        _process = process;
    }

    /// <summary>lavfi filters that stamp each frame with the wall-clock time it is made: the Unix time in tenths of a
    /// second modulo 2^16, as 16 black-or-white blocks of 20 pixels in the top-left 320x20 (least significant bit
    /// first). The frame's timestamp is the machine's clock while the band is drawn, then numbered again at 30 fps,
    /// so a broadcaster that falls behind real time on a loaded machine stamps the time it really sent the frame,
    /// not the time it should have (the player's clock minus the stamp is then the pipeline's latency alone).</summary>
    public static string ClockBand()
    {
        var blocks = Enumerable
            .Range(0, 16)
            .Select(bit =>
                string.Create(
                    CultureInfo.InvariantCulture,
                    $",drawbox=x={bit * 20}:y=0:w=20:h=20:color=white:t=fill"
                        + $":enable='mod(floor(floor(t*10)/{1 << bit}),2)'"
                )
            );
        return ",setpts='RTCTIME/(1000000*TB)',drawbox=x=0:y=0:w=320:h=20:color=black:t=fill"
            + string.Concat(blocks)
            + ",setpts='N/(30*TB)'";
    }

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

        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return new LiveBroadcaster(process);
    }

    private static string Picture(int seconds, bool clockBand)
    {
        var picture = string.Create(CultureInfo.InvariantCulture, $"testsrc2=size=640x360:rate=30:duration={seconds}");
        return clockBand ? picture + ClockBand() : picture;
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
