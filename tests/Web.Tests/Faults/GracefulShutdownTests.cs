using System.Net;
using Microsoft.EntityFrameworkCore;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Persistence;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;
using StreamEngine.Web.Tests.Subscriptions;
using StreamEngine.Web.Tests.Videos;

namespace StreamEngine.Web.Tests.Faults;

/// <summary>Fault 6: SIGTERM to a server process (two instances, one PostgreSQL database, one Redis, one data folder).
/// The request in flight finishes, WebSockets are closed 1001, the job it held is released and the other instance
/// takes it at once (long before its lease would lapse), the video ends READY, and the process exits 0.</summary>
public sealed class GracefulShutdownTests : IDisposable
{
    private readonly TempDirectory _files = new();
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Sigterm_lets_the_request_in_flight_finish_closes_sockets_1001_and_hands_the_job_over()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var gate = Path.Combine(_files.Path, "gate-open");
        var settings = database.ServerSettings();
        settings["StreamEngine:DataDirectory"] = _data.Path;
        settings["StreamEngine:Redis:ConnectionString"] = TestEnvironment.Require(TestEnvironment.Redis);
        settings["StreamEngine:Redis:KeyPrefix"] = $"term-{Guid.NewGuid():N}:";
        settings["StreamEngine:Videos:MinPartSizeBytes"] = "262144";
        settings["StreamEngine:Pipeline:Preset"] = "ultrafast";
        settings["StreamEngine:Pipeline:PollInterval"] = "00:00:00.300";
        settings["StreamEngine:Pipeline:FfmpegPath"] = Held.GatedFfmpeg(_files.Path, gate);
        await using var instanceA = await ServerProcess.StartAsync(settings);
        var onA = new GraphQLClient(new HttpClient { BaseAddress = instanceA.BaseAddress });
        var user = await onA.SignUpAsync("sigterm");
        onA.AccessToken = user.AccessToken;

        // A's worker holds the job of one video at the gate; only then does B start.
        var held = (await onA.UploadAsync(Clip("a")))["id"]!.GetValue<string>();
        await WaitForJobAsync(database, TestIds.Key(held), j => j.State == TranscodeJobState.Running);
        await using var instanceB = await ServerProcess.StartAsync(settings);
        var onB = new GraphQLClient(new HttpClient { BaseAddress = instanceB.BaseAddress })
        {
            AccessToken = user.AccessToken,
        };

        // A socket with a subscription and a slow part PUT, both on A.
        await using var socket = await RawSocket.ConnectAsync(instanceA.BaseAddress, "graphql-transport-ws");
        await socket.SendAsync(
            new { type = "connection_init", payload = new { Authorization = "Bearer " + user.AccessToken } }
        );
        await socket.ReceiveTypeAsync("connection_ack");
        await socket.SendAsync(
            new
            {
                id = "1",
                type = "subscribe",
                payload = new { query = "subscription { viewerVideoEvents { status } }" },
            }
        );
        var clip = Clip("b");
        var created = (await onA.CreateUploadAsync("b.mp4", new FileInfo(clip).Length))["upload"]!;
        var part = created["parts"]![0]!;
        var bytes = (await File.ReadAllBytesAsync(clip))[
            ..(int)Math.Min(new FileInfo(clip).Length, created["partSizeBytes"]!.GetValue<long>())
        ];
        using var slow = new HttpRequestMessage(
            HttpMethod.Put,
            new Uri(new Uri(part["url"]!.GetValue<string>()).PathAndQuery, UriKind.Relative)
        )
        {
            Content = new SlowContent(bytes, TimeSpan.FromSeconds(3)),
        };
        var putting = onA.Http.SendAsync(slow);
        await Task.Delay(TimeSpan.FromSeconds(1));

        var terminated = DateTime.UtcNow;
        instanceA.Terminate();
        using var put = await putting;
        var closed = await socket.ClosedWithAsync(TimeSpan.FromSeconds(30));
        var exited = await instanceA.WaitForExitAsync(TimeSpan.FromSeconds(60));
        TranscodeJob taken;
        try
        {
            taken = await WaitForJobAsync(
                database,
                TestIds.Key(held),
                j => j.State == TranscodeJobState.Running && j.LeaseOwner?.Contains($"/{instanceB.Id}/") == true
            );
        }
        catch (TimeoutException ex)
        {
            // What the stopping instance said about the job is the only witness of why it was not handed over.
            throw new TimeoutException(
                $"{ex.Message}; A exited: {instanceA.HasExited}; A's last lines:\n"
                    + string.Join('\n', instanceA.Output.TakeLast(40)),
                ex
            );
        }

        var takenAfter = DateTime.UtcNow - terminated;
        await File.WriteAllTextAsync(gate, "");
        var settled = await onB.WaitUntilSettledAsync(held, TimeSpan.FromMinutes(2));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(1001, closed);
        Assert.True(exited, "the process exits");
        Assert.Equal(0, instanceA.ExitCode);
        Assert.True(takenAfter < TimeSpan.FromSeconds(60), $"taken after {takenAfter} (the lease is 2 minutes)");
        Assert.Equal(1, taken.Attempts); // given back, not failed: the attempt is not counted
        Assert.Equal("READY", settled["status"]!.GetValue<string>());
    }

    private static async Task<TranscodeJob> WaitForJobAsync(
        PostgresTestDatabase database,
        Guid videoId,
        Func<TranscodeJob, bool> condition
    )
    {
        var options = new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql(database.ConnectionString).Options;
        TranscodeJob? last = null;
        for (var i = 0; i < 600; i++)
        {
            await using var db = new PostgresDbContext(options);
            last = await db.TranscodeJobs.AsNoTracking().FirstOrDefaultAsync(j => j.VideoId == videoId);
            if (last is not null && condition(last))
            {
                return last;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException(
            $"The job never reached the expected state: {last?.State}, attempt {last?.Attempts}, lease "
                + $"{last?.LeaseOwner} until {last?.LeaseExpiresAt}, not before {last?.NotBefore}, {last?.LastError}"
        );
    }

    private string Clip(string name) => TestMedia.TinyClip(_files.Path, name);

    public void Dispose()
    {
        _files.Dispose();
        _data.Dispose();
    }

    /// <summary>A body sent in ten pieces over <paramref name="over"/>: a request still in flight when the server
    /// is told to stop.</summary>
    private sealed class SlowContent(byte[] bytes, TimeSpan over) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var piece = (bytes.Length + 9) / 10;
            for (var offset = 0; offset < bytes.Length; offset += piece)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(piece, bytes.Length - offset)));
                await stream.FlushAsync();
                await Task.Delay(over / 10);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}
