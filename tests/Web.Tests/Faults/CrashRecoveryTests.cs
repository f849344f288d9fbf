using System.Net;
using Npgsql;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;
using StreamEngine.Web.Tests.Videos;

namespace StreamEngine.Web.Tests.Faults;

/// <summary>Fault 1: <c>kill -9</c> of a server process at six moments of a video's life, then a new process on the
/// same database and data folder. The client does what a client does after a dropped connection (sends the part or the
/// completion again); the video ends READY and nothing the killed process was writing is left behind. The moments in
/// our code are held by a failpoint, those in ffmpeg or ffprobe by a wrapper that stops when it sees its argument,
/// and the READY commit by a PostgreSQL lock on the table the commit writes last, so each kill lands exactly
/// there.</summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly TempDirectory _files = new();
    private readonly TempDirectory _data = new();

    public enum Moment
    {
        PartPut,
        Assembly,
        SourceProbe,
        Encode,
        MasterPlaylist,
        ReadyCommit,
    }

    [Theory]
    [InlineData(Moment.PartPut)]
    [InlineData(Moment.Assembly)]
    [InlineData(Moment.SourceProbe)]
    [InlineData(Moment.Encode)]
    [InlineData(Moment.MasterPlaylist)]
    [InlineData(Moment.ReadyCommit)]
    public async Task Killed_at_any_moment_the_video_still_ends_ready_and_nothing_is_left_behind(Moment moment)
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var plain = database.ServerSettings();
        plain["StreamEngine:DataDirectory"] = _data.Path;
        plain["StreamEngine:Videos:MinPartSizeBytes"] = "65536";
        plain["StreamEngine:Pipeline:Preset"] = "ultrafast";
        plain["StreamEngine:Pipeline:PollInterval"] = "00:00:00.300";
        plain["StreamEngine:Pipeline:LeaseDuration"] = "00:00:05";
        var marker = Path.Combine(_files.Path, "held");
        var clip = Clip();

        var first = await ServerProcess.StartAsync(HeldAt(plain, moment, marker));
        var client = new GraphQLClient(new HttpClient { BaseAddress = first.BaseAddress });
        client.AccessToken = (await client.SignUpAsync("crash")).AccessToken;
        var upload = (await client.CreateUploadAsync("crash.mp4", new FileInfo(clip).Length))["upload"]!;
        var uploadId = upload["id"]!.GetValue<string>();
        var videoId = upload["video"]!["id"]!.GetValue<string>();
        Assert.True(upload["parts"]!.AsArray().Count >= 2, "the clip spans several parts");

        List<(int Part, string ETag)> etags = [];
        await using (var locker = new NpgsqlConnection(database.ConnectionString))
        {
            if (moment == Moment.PartPut)
            {
                _ = SlowPutAsync(client, upload, clip);
                await Held.WaitForAsync(first, () => Directory.EnumerateFiles(_data.Path, "*.tmp", Recursive).Any());
            }
            else
            {
                etags = await client.PutPartsAsync(upload, clip);
                if (moment is Moment.Assembly or Moment.SourceProbe)
                {
                    _ = client.CompleteAsync(uploadId, etags);
                }
                else
                {
                    var completed = (await client.CompleteAsync(uploadId, etags)).Ok()["completeVideoUpload"]!;
                    Assert.Equal("PROCESSING", completed["video"]!["status"]!.GetValue<string>());
                }

                if (moment == Moment.ReadyCommit)
                {
                    await Held.WaitForStageAsync(client, videoId, first, "ENCODING");
                    await Held.HoldReadyCommitAsync(locker, first);
                }
                else
                {
                    await Held.WaitForAsync(first, () => File.Exists(marker));
                }
            }

            // As a container's end or an OOM kill: SIGKILL, no shutdown code runs (the tools it started go too).
            first.KillHard(withChildren: true);
            Assert.True(await first.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        await using var second = await ServerProcess.StartAsync(plain);
        var again = new GraphQLClient(new HttpClient { BaseAddress = second.BaseAddress })
        {
            AccessToken = client.AccessToken,
        };
        if (moment is Moment.PartPut or Moment.Assembly or Moment.SourceProbe)
        {
            // The client's request failed with the connection; it sends it again, as it would after any drop.
            if (moment == Moment.PartPut)
            {
                etags = await again.PutPartsAsync(upload, clip);
            }

            var completed = (await again.CompleteAsync(uploadId, etags)).Ok()["completeVideoUpload"]!;
            Assert.Empty(completed["errors"]!.AsArray());
        }

        var settled = await again.WaitUntilSettledAsync(videoId, TimeSpan.FromMinutes(2));
        Assert.Equal("READY", settled["status"]!.GetValue<string>());
        Assert.Equal(
            moment is Moment.Encode or Moment.MasterPlaylist or Moment.ReadyCommit ? 2 : 1,
            await Held.AttemptsAsync(database, videoId)
        );
        using var master = await again.Http.GetAsync(
            new Uri(new Uri(settled["playback"]!["hlsUrl"]!.GetValue<string>()).PathAndQuery, UriKind.Relative)
        );
        Assert.Equal(HttpStatusCode.OK, master.StatusCode);

        // The killed process's half-written files: the part's temporary file, the half-assembled source, the encode's
        // scratch folder. The only files left are the video's published media (and the keys and mail outbox).
        var key = TestIds.Key(videoId).ToString("N");
        var left = Directory
            .EnumerateFiles(_data.Path, "*", Recursive)
            .Select(f => Path.GetRelativePath(_data.Path, f))
            .Where(f =>
                !f.StartsWith(Path.Combine("media", key) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            )
            .Where(f =>
                !f.StartsWith("keys", StringComparison.Ordinal) && !f.StartsWith("outbox", StringComparison.Ordinal)
            )
            .ToList();
        Assert.True(left.Count == 0, "left behind: " + string.Join(", ", left));
        Assert.Equal([key], Directory.GetDirectories(Path.Combine(_data.Path, "media")).Select(Path.GetFileName));
    }

    private static readonly EnumerationOptions Recursive = new() { RecurseSubdirectories = true };

    /// <summary>The settings of the process to kill: the moment held by a failpoint or by a wrapped tool.</summary>
    private Dictionary<string, string?> HeldAt(Dictionary<string, string?> plain, Moment moment, string marker)
    {
        var settings = new Dictionary<string, string?>(plain);
        switch (moment)
        {
            case Moment.Assembly:
                settings["StreamEngine:Testing:HoldAt"] = "assembly";
                settings["StreamEngine:Testing:HoldMarker"] = marker;
                break;
            case Moment.SourceProbe:
                settings["StreamEngine:Pipeline:FfprobePath"] = Held.Wrapped(
                    _files.Path,
                    "ffprobe",
                    "/sources/",
                    marker
                );
                break;
            case Moment.Encode:
                settings["StreamEngine:Pipeline:FfmpegPath"] = Held.Wrapped(_files.Path, "ffmpeg", ".m3u8", marker);
                break;
            case Moment.MasterPlaylist:
                // The master playlist is written from the renditions as measured (their codecs read back by ffprobe).
                settings["StreamEngine:Pipeline:FfprobePath"] = Held.Wrapped(
                    _files.Path,
                    "ffprobe",
                    "index.m3u8",
                    marker
                );
                break;
        }

        return settings;
    }

    /// <summary>The first part, sent so slowly that the process dies while receiving it.</summary>
    private static async Task SlowPutAsync(GraphQLClient client, System.Text.Json.Nodes.JsonNode upload, string clip)
    {
        var part = upload["parts"]![0]!;
        var size = (int)upload["partSizeBytes"]!.GetValue<long>();
        var bytes = (await File.ReadAllBytesAsync(clip))[..size];
        using var request = new HttpRequestMessage(
            HttpMethod.Put,
            new Uri(new Uri(part["url"]!.GetValue<string>()).PathAndQuery, UriKind.Relative)
        )
        {
            Content = new Trickle(bytes),
        };
        try
        {
            using var response = await client.Http.SendAsync(request);
        }
        catch (HttpRequestException) { }
    }

    private string Clip() =>
        TestMedia.MakeClip(
            _files.Path,
            "crash.mp4",
            "-f lavfi -i testsrc2=size=426x240:rate=25 -f lavfi -i sine=frequency=440 -t 8 -c:v libx264 -preset "
                + "ultrafast -c:a aac -shortest"
        );

    public void Dispose()
    {
        _files.Dispose();
        _data.Dispose();
    }

    /// <summary>A body of which the first kilobyte arrives at once and the rest never in the test's time.</summary>
    private sealed class Trickle(byte[] bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(bytes.AsMemory(0, 1024));
            await stream.FlushAsync();
            await Task.Delay(TimeSpan.FromMinutes(2));
            await stream.WriteAsync(bytes.AsMemory(1024));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}
