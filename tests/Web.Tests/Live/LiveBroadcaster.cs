using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;

namespace StreamEngine.Web.Tests.Live;

/// <summary>ffmpeg as a broadcaster: a lavfi test picture with a tone, H.264 + AAC in real time, pushed over RTMP as
/// OBS would.</summary>
internal sealed class LiveBroadcaster : IDisposable
{
    private readonly Process _process;

    private LiveBroadcaster(Process process) => _process = process;

    public static LiveBroadcaster Start(Uri rtmpUrl, string key, int seconds, string videoCodec = "libx264")
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
                string.Create(CultureInfo.InvariantCulture, $"testsrc2=size=640x360:rate=30:duration={seconds}"),
                "-f",
                "lavfi",
                "-i",
                string.Create(CultureInfo.InvariantCulture, $"sine=frequency=440:sample_rate=48000:duration={seconds}"),
            }
                .Concat(encoder)
                .Concat(["-c:a", "aac", "-b:a", "96k", "-f", "flv", $"{rtmpUrl}/{key}"])
        )
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return new LiveBroadcaster(process);
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

/// <summary>The live stream operations as a frontend sends them.</summary>
internal static class LiveClient
{
    public const string Fields =
        "id title status record streamKey rtmpUrl hlsUrl viewerCount endReason startedAt endedAt "
        + "recording { id status durationSeconds }";

    public static readonly Dictionary<string, string?> Settings = new()
    {
        ["StreamEngine:Live:Enabled"] = "true",
        ["StreamEngine:Live:RtmpAddress"] = "127.0.0.1",
        ["StreamEngine:Live:RtmpPort"] = "0",
        ["StreamEngine:Live:ReconnectWindow"] = "00:00:20",
        ["StreamEngine:Live:Preset"] = "ultrafast",
        ["StreamEngine:Pipeline:Preset"] = "ultrafast",
        ["StreamEngine:Pipeline:PollInterval"] = "00:00:00.500",
    };

    public static async Task<JsonNode> CreateAsync(GraphQLClient client, string title, bool record = false)
    {
        var response = await client.SendAsync(
            $"mutation($input: CreateLiveStreamInput!) {{ createLiveStream(input: $input) {{ liveStream {{ {Fields} }} "
                + "errors { code message } } }",
            new { input = new { title, record } }
        );
        return response.Ok()["createLiveStream"]!["liveStream"]!;
    }

    public static async Task<JsonNode> GetAsync(GraphQLClient client, string id) =>
        (await client.SendAsync($"query($id: ID!) {{ liveStream(id: $id) {{ {Fields} }} }}", new { id })).Ok()[
            "liveStream"
        ]!;

    public static async Task<JsonNode> WaitForAsync(GraphQLClient client, string id, string status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var stream = await GetAsync(client, id);
            if (stream["status"]!.GetValue<string>() == status || DateTime.UtcNow > deadline)
            {
                return stream;
            }

            await Task.Delay(250);
        }
    }

    public static async Task<(StreamEngineApp App, GraphQLClient Client, SignedIn User)> StartAsync(
        string name,
        IDictionary<string, string?>? extra = null
    )
    {
        var settings = new Dictionary<string, string?>(Settings);
        foreach (var pair in extra ?? new Dictionary<string, string?>())
        {
            settings[pair.Key] = pair.Value;
        }

        var app = StreamEngineApp.With(settings, kestrel: true);
        var client = app.CreateGraphQLClient();
        var user = await client.SignUpAsync(name);
        client.AccessToken = user.AccessToken;
        return (app, client, user);
    }
}
