using Microsoft.EntityFrameworkCore;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Persistence;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;

namespace StreamEngine.Web.Tests.Videos;

/// <summary>Jobs live in the database: stopping the server mid-transcode, or a worker dying with its lease, never
/// leaves a video PROCESSING for good.</summary>
public sealed class WorkerRestartTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _files = new();

    public void Dispose()
    {
        _files.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task A_server_stopped_mid_transcode_finishes_the_video_after_restart()
    {
        var (videoId, token) = await UploadAndStopWhileEncodingAsync("restart");
        Assert.Equal(VideoStatus.Processing, (await LoadAsync(videoId)).Video.Status);

        await using var second = Server();
        var client = second.CreateGraphQLClient();
        client.AccessToken = token;
        var video = await client.WaitUntilSettledAsync(videoId, TimeSpan.FromMinutes(4));

        Assert.True(video["status"]!.GetValue<string>() == "READY", video.ToJsonString());
        Assert.Empty(Directory.GetDirectories(Path.Combine(_data.Path, "media"), "*.partial-*"));
    }

    [Fact]
    public async Task A_job_whose_worker_died_holding_the_lease_is_taken_over_when_the_lease_lapses()
    {
        var (videoId, token) = await UploadAndStopWhileEncodingAsync("crash");

        // As if the worker had been killed: the job stays leased by someone who will never renew it.
        await using (var db = Database())
        {
            var job = await db.TranscodeJobs.SingleAsync(j => j.VideoId == TestIds.Key(videoId));
            job.Lease("killed-worker", DateTimeOffset.UtcNow, TimeSpan.FromSeconds(4));
            await db.SaveChangesAsync();
        }

        await using var second = Server();
        var client = second.CreateGraphQLClient();
        client.AccessToken = token;
        var video = await client.WaitUntilSettledAsync(videoId, TimeSpan.FromMinutes(4));

        Assert.Equal("READY", video["status"]!.GetValue<string>());
        var (_, finished) = await LoadAsync(videoId);
        Assert.Equal(TranscodeJobState.Succeeded, finished!.State);
        Assert.Equal(2, finished.Attempts);
    }

    private async Task<(string VideoId, string Token)> UploadAndStopWhileEncodingAsync(string name)
    {
        var clip = TestMedia.MakeClip(
            _files.Path,
            name + ".mp4",
            "-f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine=sample_rate=48000 -t 20 -c:v libx264 "
                + "-preset ultrafast -c:a aac -shortest"
        );
        await using var first = Server();
        var client = first.CreateGraphQLClient();
        var user = await client.SignUpAsync(name);
        client.AccessToken = user.AccessToken;
        var videoId = (await client.UploadAsync(clip))["id"]!.GetValue<string>();

        var deadline = DateTime.UtcNow.AddMinutes(1);
        while ((await client.VideoAsync(videoId))!["progress"]?["stage"]?.GetValue<string>() != "ENCODING")
        {
            Assert.True(DateTime.UtcNow < deadline, "The transcode never started.");
            await Task.Delay(100);
        }

        return (videoId, user.AccessToken);
    }

    private StreamEngineApp Server() =>
        StreamEngineApp.With(
            new Dictionary<string, string?>
            {
                ["StreamEngine:DataDirectory"] = _data.Path,
                ["StreamEngine:Videos:MinPartSizeBytes"] = "1048576",
                ["StreamEngine:Pipeline:Preset"] = "medium",
                ["StreamEngine:Pipeline:PollInterval"] = "00:00:00.500",
                ["StreamEngine:Pipeline:LeaseDuration"] = "00:00:06",
            }
        );

    private SqliteDbContext Database() =>
        new(
            new DbContextOptionsBuilder<SqliteDbContext>()
                .UseSqlite($"Data Source={Path.Combine(_data.Path, "streamengine.db")}")
                .Options
        );

    private async Task<(Video Video, TranscodeJob? Job)> LoadAsync(string videoId)
    {
        await using var db = Database();
        var id = TestIds.Key(videoId);
        return (
            await db.Videos.AsNoTracking().SingleAsync(v => v.Id == id),
            await db.TranscodeJobs.AsNoTracking().SingleOrDefaultAsync(j => j.VideoId == id)
        );
    }
}
