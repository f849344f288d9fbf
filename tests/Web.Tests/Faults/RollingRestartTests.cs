using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;
using StreamEngine.Web.Tests.Videos;

namespace StreamEngine.Web.Tests.Faults;

/// <summary>Fault 6, a deploy: two server processes (one PostgreSQL database, one Redis, one data folder) are replaced
/// one after the other with SIGTERM while a client uploads, waits for READY and watches in a loop through a balancer
/// that sends each request to a live instance (as a load balancer that has taken a stopping instance out). Every
/// upload ends READY, every watch gets its playlist and first segment, and no request fails.</summary>
public sealed class RollingRestartTests : IDisposable
{
    private readonly TempDirectory _files = new();
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Replacing_both_instances_one_after_the_other_loses_no_upload_and_fails_no_request()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var settings = database.ServerSettings();
        settings["StreamEngine:DataDirectory"] = _data.Path;
        settings["StreamEngine:Redis:ConnectionString"] = TestEnvironment.Require(TestEnvironment.Redis);
        settings["StreamEngine:Redis:KeyPrefix"] = $"rolling-{Guid.NewGuid():N}:";
        settings["StreamEngine:Videos:MinPartSizeBytes"] = "65536";
        settings["StreamEngine:Pipeline:Preset"] = "ultrafast";
        settings["StreamEngine:Pipeline:PollInterval"] = "00:00:00.300";
        var clip = TestMedia.MakeClip(
            _files.Path,
            "rolling.mp4",
            "-f lavfi -i testsrc2=size=426x240:rate=25 -f lavfi -i sine=frequency=440 -t 3 -c:v libx264 -preset "
                + "ultrafast -c:a aac -shortest"
        );
        var live = new ServerProcess?[] { await ServerProcess.StartAsync(settings), null };
        live[1] = await ServerProcess.StartAsync(settings);
        var stopped = new List<ServerProcess>();
        using var balancer = new Balancer(live);
        var client = new GraphQLClient(new HttpClient(balancer) { BaseAddress = new Uri("http://balancer") });
        client.AccessToken = (await client.SignUpAsync("rolling")).AccessToken;

        using var stop = new CancellationTokenSource();
        var watched = new List<string>();
        var loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var id = (await client.UploadAsync(clip))["id"]!.GetValue<string>();
                var ready = await client.WaitUntilSettledAsync(id, TimeSpan.FromMinutes(2));
                Assert.Equal("READY", ready["status"]!.GetValue<string>());
                await WatchAsync(client, ready);
                lock (watched)
                {
                    watched.Add(id);
                }
            }
        });

        try
        {
            for (var replaced = 0; replaced < 2; replaced++)
            {
                await WaitForWatchesAsync(watched, loop, 2 * (replaced + 1));
                var old = live[replaced]!;
                live[replaced] = null; // the balancer takes it out, then it is told to stop
                old.Terminate();
                Assert.True(await old.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the old instance exits");
                Assert.Equal(0, old.ExitCode);
                stopped.Add(old);
                live[replaced] = await ServerProcess.StartAsync(settings);
            }

            await WaitForWatchesAsync(watched, loop, 6);
        }
        finally
        {
            await stop.CancelAsync();
        }

        await loop;
        Assert.True(balancer.Failures.IsEmpty, string.Join("\n", balancer.Failures));
        Assert.True(watched.Count >= 6, $"{watched.Count} uploads watched");
        foreach (var server in stopped.Concat(live.OfType<ServerProcess>()))
        {
            await server.DisposeAsync();
        }
    }

    private static async Task WaitForWatchesAsync(List<string> watched, Task loop, int count)
    {
        for (var i = 0; i < 1200 && watched.Count < count; i++)
        {
            if (loop.IsCompleted)
            {
                await loop; // an assertion failed in the loop: show it
            }

            await Task.Delay(100);
        }

        Assert.True(watched.Count >= count, $"{watched.Count} of {count} uploads watched");
    }

    /// <summary>As a player: the master playlist, the first variant's playlist, its first segment.</summary>
    private static async Task WatchAsync(GraphQLClient client, JsonNode video)
    {
        var master = new Uri(video["playback"]!["hlsUrl"]!.GetValue<string>());
        var text = await client.Http.GetStringAsync(new Uri(master.PathAndQuery, UriKind.Relative));
        var variant = new Uri(master, text.Split('\n').First(l => l.Length > 0 && !l.StartsWith('#')).Trim());
        var playlist = await client.Http.GetStringAsync(new Uri(variant.PathAndQuery, UriKind.Relative));
        var segment = new Uri(variant, playlist.Split('\n').First(l => l.Length > 0 && !l.StartsWith('#')).Trim());
        using var response = await client.Http.GetAsync(new Uri(segment.PathAndQuery, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public void Dispose()
    {
        _files.Dispose();
        _data.Dispose();
    }

    /// <summary>Sends each request to the next live instance; a connection refused (an instance that has just stopped
    /// listening) is tried on the other, as a load balancer does. Any other failure, and any 5xx, is
    /// recorded.</summary>
    private sealed class Balancer(ServerProcess?[] live) : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _next;

        public System.Collections.Concurrent.ConcurrentQueue<string> Failures { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(
            HttpRequestMessage request,
            CancellationToken cancellationToken
        )
        {
            var path = request.RequestUri!.PathAndQuery;
            for (var attempt = 0; ; attempt++)
            {
                var target = live[Interlocked.Increment(ref _next) % live.Length] ?? live.First(s => s is not null)!;
                request.RequestUri = new Uri(target.BaseAddress, path);
                try
                {
                    var response = await base.SendAsync(request, cancellationToken);
                    if ((int)response.StatusCode >= 500)
                    {
                        Failures.Enqueue($"{request.Method} {path}: {(int)response.StatusCode}");
                    }

                    return response;
                }
                catch (HttpRequestException ex)
                    when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused }
                        && attempt < 5
                    )
                {
                    await Task.Delay(100, cancellationToken);
                }
                catch (HttpRequestException ex)
                {
                    Failures.Enqueue($"{request.Method} {path}: {ex.Message}");
                    throw;
                }
            }
        }
    }
}
