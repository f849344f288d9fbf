using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StreamEngine.Infrastructure.Persistence;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;

namespace StreamEngine.Web.Tests.Videos;

/// <summary>A full disk (the data directory on a 64 MiB tmpfs that the test fills; the database elsewhere, as on a
/// real deployment with its own volume): an upload part and a tus PATCH get 507 STORAGE_FULL (nothing half-kept: the
/// tus upload resumes from its offset once there is room), an encode that
/// meets the full disk waits without using up its attempts and ends READY once space returns, and a READY video's
/// files are untouched throughout.</summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly TempDirectory _files = new();
    private readonly string _data = Path.Combine(
        TestEnvironment.Require(TestEnvironment.SmallDisk),
        Guid.NewGuid().ToString("N")
    );

    [Fact]
    public async Task Uploads_get_storage_full_an_encode_waits_for_space_and_ready_videos_are_untouched()
    {
        var gate = Path.Combine(_files.Path, "gate-open");
        await File.WriteAllTextAsync(gate, "");
        await using var app = StreamEngineApp.With(
            new Dictionary<string, string?>
            {
                ["StreamEngine:DataDirectory"] = _data,
                ["StreamEngine:Database:ConnectionString"] =
                    $"Data Source={Path.Combine(_files.Path, "db.sqlite")};Foreign Keys=True",
                ["StreamEngine:Pipeline:Preset"] = "ultrafast",
                ["StreamEngine:Pipeline:RetryBackoff"] = "00:00:01",
                ["StreamEngine:Pipeline:PollInterval"] = "00:00:00.300",
                ["StreamEngine:Pipeline:FfmpegPath"] = Faults.Held.GatedFfmpeg(_files.Path, gate),
            }
        );
        var client = app.CreateGraphQLClient();
        client.AccessToken = (await client.SignUpAsync("fulldisk")).AccessToken;
        var clip = Clip("a");

        // A READY video first; then one whose encode is held at the gate.
        var ready = (await client.UploadAsync(clip))["id"]!.GetValue<string>();
        Assert.Equal(
            "READY",
            (await client.WaitUntilSettledAsync(ready, TimeSpan.FromMinutes(2)))["status"]!.ToString()
        );
        var master = await MasterAsync(client, ready);
        File.Delete(gate);
        var waiting = (await client.UploadAsync(Clip("b")))["id"]!.GetValue<string>();

        // The disk fills up.
        var filler = Path.Combine(_data, "filler");
        Fill(filler);
        var created = await client.CreateUploadAsync("c.mp4", new FileInfo(clip).Length);
        var part = created["upload"]!["parts"]![0]!;
        var bytes = await File.ReadAllBytesAsync(clip);
        using var refused = await client.Http.PutAsync(
            new Uri(part["url"]!.GetValue<string>()).PathAndQuery,
            new ByteArrayContent(
                bytes,
                0,
                (int)Math.Min(bytes.Length, created["upload"]!["partSizeBytes"]!.GetValue<long>())
            )
        );
        var refusal = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        var tus = new TusClient(client.Http, client.AccessToken);
        using var tusCreated = await tus.CreateAsync(
            bytes.Length,
            TusClient.Metadata(("filename", "d.mp4"), ("filetype", "video/mp4"), ("title", "D"))
        );
        var tusUrl = tusCreated.Headers.Location!.ToString();
        using var tusRefused = await tus.PatchAsync(tusUrl, 0, bytes);
        var tusRefusal = JsonNode.Parse(await tusRefused.Content.ReadAsStringAsync())!;

        // The held encode meets the full disk: it waits, the video stays PROCESSING, no attempt is used up.
        await File.WriteAllTextAsync(gate, "");
        var job = await WaitForJobErrorAsync(app, waiting);
        var during = (await client.VideoAsync(waiting))!["status"]!.GetValue<string>();
        File.Delete(filler);
        var settled = await client.WaitUntilSettledAsync(waiting, TimeSpan.FromMinutes(2));

        // The tus upload goes on from the offset the server still vouches for, once there is room.
        using var head = await tus.HeadAsync(tusUrl);
        var offset = TusClient.Offset(head);
        using var resumed = await tus.PatchAsync(tusUrl, offset, bytes[(int)offset..]);
        var tusVideo = await client.WaitUntilSettledAsync(
            TusClient.Header(tusCreated, "StreamEngine-Video-Id"),
            TimeSpan.FromMinutes(2)
        );

        Assert.Equal(HttpStatusCode.InsufficientStorage, refused.StatusCode);
        Assert.Equal("STORAGE_FULL", refusal["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.InsufficientStorage, tusRefused.StatusCode);
        Assert.Equal("STORAGE_FULL", tusRefusal["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, resumed.StatusCode);
        Assert.Equal("READY", tusVideo["status"]!.GetValue<string>());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_data, "uploads"), "*.tmp", SearchOption.AllDirectories));
        Assert.True(job.LastError?.Contains("storage is full", StringComparison.Ordinal) == true, job.LastError);
        Assert.True(job.Attempts == 0, $"{job.Attempts} attempts used: {job.LastError}");
        Assert.Equal("PROCESSING", during);
        Assert.True(settled["status"]!.GetValue<string>() == "READY", settled.ToJsonString());
        Assert.Equal(master, await MasterAsync(client, ready));
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }

        _files.Dispose();
    }

    private string Clip(string name) =>
        TestMedia.MakeClip(
            _files.Path,
            name + ".mp4",
            "-f lavfi -i testsrc2=size=640x360:rate=25 -f lavfi -i sine=frequency=440 -t 3 -c:v libx264 -preset "
                + "ultrafast -c:a aac -shortest"
        );

    /// <summary>Writes zeros until the file system refuses more.</summary>
    private static void Fill(string path)
    {
        var chunk = new byte[1 << 20];
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (true)
            {
                file.Write(chunk);
            }
        }
        catch (IOException) { }
    }

    private static async Task<string> MasterAsync(GraphQLClient client, string id)
    {
        var video = (
            await client.SendAsync("query($id: ID!) { video(id: $id) { playback { hlsUrl } } }", new { id })
        ).Ok()["video"]!;
        return await client.Http.GetStringAsync(video["playback"]!["hlsUrl"]!.GetValue<string>());
    }

    private static async Task<Domain.Videos.TranscodeJob> WaitForJobErrorAsync(StreamEngineApp app, string videoId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var job = await scope
                    .ServiceProvider.GetRequiredService<AppDbContext>()
                    .TranscodeJobs.AsNoTracking()
                    .SingleOrDefaultAsync(j => j.VideoId == TestIds.Key(videoId));
                if (job?.LastError is not null)
                {
                    return job;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, "The held encode never met the full disk.");
            await Task.Delay(200);
        }
    }
}
