namespace StreamEngine.Bench.Soak;

/// <summary>The soak's viewers and readers: a viewer opens a READY video as a player does (playback URL, master
/// playlist, a variant, its init segment and first segments) and thinks for a second or two; list and search queries
/// arrive at a steady rate. Every client comes from a loopback address of its own group.</summary>
internal sealed class SoakViewers(SoakWorkload workload, SoakStats stats)
{
    public const int Viewers = 300;
    private const int ViewersPerAddress = 10;

    private Uri GraphQL(int client) => workload.GraphQL(client);

    public async Task ViewerAsync(int v, CancellationToken stop)
    {
        using var http = LoopbackClients.BoundClient(LoopbackClients.Address(10 + v / ViewersPerAddress));
        var random = new Random(v);
        while (!stop.IsCancellationRequested)
        {
            var ready = workload.ReadyVideos.ToArray();
            if (ready.Length > 0)
            {
                await WatchAsync(http, v, ready[random.Next(ready.Length)]);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(1000 + random.Next(1000)), stop)
                .ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task WatchAsync(HttpClient http, int v, string videoId)
    {
        var data = await stats.GraphQLAsync(
            "video playback query",
            http,
            GraphQL(v),
            null,
            "query($id: ID!) { video(id: $id) { playback { hlsUrl } } }",
            new { id = videoId }
        );
        if (data?["video"]?["playback"]?["hlsUrl"]?.GetValue<string>() is not { } hls)
        {
            return;
        }

        var master = new Uri(hls);
        var masterText = await GetTextAsync("GET master playlist", http, master);
        var variant = masterText?.Split('\n').FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#'));
        if (variant is null)
        {
            return;
        }

        var variantUri = new Uri(master, variant.Trim());
        var variantText = await GetTextAsync("GET variant playlist", http, variantUri);
        if (variantText is null)
        {
            return;
        }

        var lines = variantText.Split('\n');
        var init = lines.FirstOrDefault(l => l.StartsWith("#EXT-X-MAP:URI=\"", StringComparison.Ordinal));
        var segments = lines.Where(l => l.Length > 0 && !l.StartsWith('#')).Take(2).Select(l => l.Trim()).ToList();
        if (init is not null)
        {
            segments.Insert(0, init["#EXT-X-MAP:URI=\"".Length..].TrimEnd('"', '\r'));
        }

        foreach (var segment in segments)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(variantUri, segment));
            using var response = await stats.SendAsync("GET segment", http, request);
        }
    }

    private async Task<string?> GetTextAsync(string operation, HttpClient http, Uri uri)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = await stats.SendAsync(operation, http, request);
        return response is null ? null : await response.Content.ReadAsStringAsync();
    }

    /// <summary>List and search queries at a steady rate (<paramref name="perSecond"/>), each from the next of five
    /// addresses, whatever their latency (at most 64 in flight).</summary>
    public async Task QueriesAsync(string operation, string query, double perSecond, int group, CancellationToken stop)
    {
        var clients = Enumerable
            .Range(0, 5)
            .Select(a => LoopbackClients.BoundClient(LoopbackClients.Address(group + a)))
            .ToArray();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / perSecond));
        var inFlight = 0;
        var sent = 0;
        while (await timer.WaitForNextTickAsync(stop).AsTask().ContinueWith(t => !t.IsCanceled, TaskScheduler.Default))
        {
            if (Volatile.Read(ref inFlight) >= 64)
            {
                stats.Error(operation, "skipped: 64 in flight");
                continue;
            }

            var n = sent++;
            Interlocked.Increment(ref inFlight);
            _ = Task.Run(
                async () =>
                {
                    await stats.GraphQLAsync(operation, clients[n % clients.Length], GraphQL(n), null, query);
                    Interlocked.Decrement(ref inFlight);
                },
                CancellationToken.None
            );
        }

        await Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None);
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}
