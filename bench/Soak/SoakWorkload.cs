using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace StreamEngine.Bench.Soak;

/// <summary>The soak's uploaders: each uploads a small clip, waits for READY, and starts again (no faster than the
/// per-user upload limit allows). Every client comes from a loopback address of its own group, as real traffic
/// does.</summary>
internal sealed class SoakWorkload(SoakDeployment deployment, SoakStats stats, IReadOnlyList<string> clips)
{
    public const int Uploaders = 20;
    private static readonly TimeSpan UploadSpacing = TimeSpan.FromSeconds(11);

    private readonly ConcurrentDictionary<string, (int Instance, string Token)> _completed = new();
    private readonly ConcurrentBag<string> _ready = [];

    public IReadOnlyCollection<string> ReadyVideos => _ready;

    public int Completed => _completed.Count;

    public Uri GraphQL(int client) => new(Server(client).BaseAddress, "/graphql");

    private BenchServer Server(int client) => deployment.Servers[client % deployment.Servers.Count];

    /// <summary>Registers the uploaders (ten per address: the registration limit of one address).</summary>
    public async Task<List<string>> RegisterUploadersAsync()
    {
        var tokens = new List<string>();
        for (var u = 0; u < Uploaders; u++)
        {
            using var http = LoopbackClients.BoundClient(LoopbackClients.Address(u / 10));
            var name = "soak" + u.ToString(CultureInfo.InvariantCulture);
            var data = await LoopbackClients.PostAsync(
                http,
                GraphQL(u),
                null,
                $"mutation {{ register(input: {{ email: \"{name}@example.com\", password: \"violet-harbour-29\", "
                    + $"handle: \"{name}\", displayName: \"{name}\" }}) {{ accessToken }} }}"
            );
            tokens.Add(data["register"]!["accessToken"]!.GetValue<string>());
        }

        return tokens;
    }

    /// <summary>One upload per given uploader, waited for: the public videos the first viewers and the anonymous
    /// subscribers follow.</summary>
    public async Task<List<string>> SeedAsync(IReadOnlyList<string> tokens, int count)
    {
        var seeded = await Task.WhenAll(
            Enumerable
                .Range(0, count)
                .Select(async u =>
                {
                    using var http = LoopbackClients.BoundClient(LoopbackClients.Address(u / 10));
                    var id =
                        await UploadOnceAsync(http, u, tokens[u], clips[u % clips.Count])
                        ?? throw new InvalidOperationException("A seed upload failed.");
                    return await WaitReadyAsync(http, u, tokens[u], id, TimeSpan.FromMinutes(5), default) == "READY"
                        ? id
                        : throw new InvalidOperationException("A seed video did not become READY.");
                })
        );
        return [.. seeded];
    }

    public async Task UploaderAsync(int u, string token, CancellationToken stop)
    {
        using var http = LoopbackClients.BoundClient(LoopbackClients.Address(u / 10));
        var round = 0;
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            var videoId = await UploadOnceAsync(http, u, token, clips[(u + round++) % clips.Count]);
            if (videoId is not null)
            {
                await WaitReadyAsync(http, u, token, videoId, TimeSpan.FromMinutes(10), CancellationToken.None);
            }

            var spacing = UploadSpacing - Stopwatch.GetElapsedTime(started);
            if (spacing > TimeSpan.Zero)
            {
                await Task.Delay(spacing, stop).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task<string?> UploadOnceAsync(HttpClient http, int u, string token, string clip)
    {
        var started = Stopwatch.GetTimestamp();
        var size = new FileInfo(clip).Length;
        var created = await stats.GraphQLAsync(
            "createVideoUpload",
            http,
            GraphQL(u),
            token,
            "mutation($i: CreateVideoUploadInput!) { createVideoUpload(input: $i) { upload { id video { id } "
                + "partSizeBytes parts { partNumber url } } errors { code } } }",
            new
            {
                i = new
                {
                    title = $"soak clip {u}",
                    fileName = "clip.mp4",
                    contentType = "video/mp4",
                    sizeBytes = size,
                },
            }
        );
        if (created?["createVideoUpload"]?["upload"] is not JsonObject upload)
        {
            return null;
        }

        var bytes = await File.ReadAllBytesAsync(clip);
        var partSize = upload["partSizeBytes"]!.GetValue<long>();
        var parts = new List<object>();
        foreach (var part in upload["parts"]!.AsArray())
        {
            var number = part!["partNumber"]!.GetValue<int>();
            var offset = (int)((number - 1) * partSize);
            using var put = new HttpRequestMessage(HttpMethod.Put, part["url"]!.GetValue<string>())
            {
                Content = new ByteArrayContent(bytes, offset, (int)Math.Min(partSize, bytes.Length - offset)),
            };
            put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var response = await stats.SendAsync("part PUT", http, put);
            if (response is null)
            {
                return null;
            }

            parts.Add(new { partNumber = number, etag = response.Headers.ETag!.Tag });
        }

        var uploadId = upload["id"]!.GetValue<string>();
        var completed = await stats.GraphQLAsync(
            "completeVideoUpload",
            http,
            GraphQL(u),
            token,
            "mutation($i: CompleteVideoUploadInput!) { completeVideoUpload(input: $i) { video { id status } "
                + "errors { code } } }",
            new { i = new { uploadId, parts } }
        );
        var video = completed?["completeVideoUpload"]?["video"];
        if (video is null)
        {
            return null;
        }

        stats.Time("upload: create, PUT parts, complete", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        var id = video["id"]!.GetValue<string>();
        _completed[id] = (u, token);
        return id;
    }

    private async Task<string?> WaitReadyAsync(
        HttpClient http,
        int u,
        string token,
        string videoId,
        TimeSpan timeout,
        CancellationToken ct
    )
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < timeout && !ct.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            var data = await stats.GraphQLAsync(
                "video status poll",
                http,
                GraphQL(u),
                token,
                "query($id: ID!) { video(id: $id) { status } }",
                new { id = videoId }
            );
            var status = data?["video"]?["status"]?.GetValue<string>();
            if (status is "READY" or "FAILED")
            {
                if (status == "READY")
                {
                    _ready.Add(videoId);
                    stats.Time("upload complete -> READY", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                return status;
            }
        }

        return null;
    }

    /// <summary>After the soak: every upload that was completed must end READY (none lost, none stuck).</summary>
    public async Task<(int Ready, int Failed, int Stuck)> SettleAsync()
    {
        using var gate = new SemaphoreSlim(16);
        var outcomes = await Task.WhenAll(
            _completed.Select(async pair =>
            {
                await gate.WaitAsync();
                using var release = new Release(gate);
                using var http = LoopbackClients.BoundClient(LoopbackClients.Address(pair.Value.Instance / 10));
                var data = await stats.GraphQLAsync(
                    "final status",
                    http,
                    GraphQL(pair.Value.Instance),
                    pair.Value.Token,
                    "query($id: ID!) { video(id: $id) { status } }",
                    new { id = pair.Key }
                );
                var status = data?["video"]?["status"]?.GetValue<string>();
                return status is "READY" or "FAILED"
                    ? status
                    : await WaitReadyAsync(
                        http,
                        pair.Value.Instance,
                        pair.Value.Token,
                        pair.Key,
                        TimeSpan.FromMinutes(5),
                        default
                    );
            })
        );
        return (
            outcomes.Count(o => o == "READY"),
            outcomes.Count(o => o == "FAILED"),
            outcomes.Count(o => o is not "READY" and not "FAILED")
        );
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
