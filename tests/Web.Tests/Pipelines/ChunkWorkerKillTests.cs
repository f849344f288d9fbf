using System.Globalization;
using Npgsql;
using StreamEngine.TestSupport;
using StreamEngine.Transcoder;
using StreamEngine.Web.Tests.Accounts;
using StreamEngine.Web.Tests.Faults;
using StreamEngine.Web.Tests.Videos;

namespace StreamEngine.Web.Tests.Pipelines;

/// <summary>Chunks are jobs of their own: a worker process killed (SIGKILL) in the middle of encoding a chunk loses
/// only that chunk, which another worker process takes over when its lease lapses; the others are done once, and the
/// joined ladder runs exactly the source's length with one segment count for every rendition.</summary>
public sealed class ChunkWorkerKillTests : IDisposable
{
    private const int SourceSeconds = 16;
    private const double Frame = 1.0 / 25;
    private readonly TempDirectory _files = new();
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task A_worker_killed_mid_chunk_loses_only_that_chunk_and_the_video_becomes_ready()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var settings = database.ServerSettings();
        settings["StreamEngine:DataDirectory"] = _data.Path;
        settings["StreamEngine:Videos:MinPartSizeBytes"] = "262144";
        settings["StreamEngine:Pipeline:Preset"] = "ultrafast";
        settings["StreamEngine:Pipeline:PollInterval"] = "00:00:00.300";
        settings["StreamEngine:Pipeline:LeaseDuration"] = "00:00:06";
        settings["StreamEngine:Pipeline:ChunkSeconds"] = "4";
        settings["StreamEngine:Pipeline:ChunkThreshold"] = "00:00:10";
        await using var api = await ServerProcess.StartAsync(
            new Dictionary<string, string?>(settings) { ["StreamEngine:Role"] = "Api" }
        );

        // The first worker encodes the first chunk at real-time speed, so the kill lands while its segments are
        // being written.
        var marker = Path.Combine(_files.Path, "chunk-started");
        await using var first = await ServerProcess.StartAsync(
            new Dictionary<string, string?>(settings)
            {
                ["StreamEngine:Role"] = "Worker",
                ["StreamEngine:Pipeline:FfmpegPath"] = SlowFirstChunk(marker),
            }
        );
        var client = new GraphQLClient(new HttpClient { BaseAddress = api.BaseAddress });
        client.AccessToken = (await client.SignUpAsync("chunk_kill")).AccessToken;
        var clip = TestMedia.MakeClip(
            _files.Path,
            "long.mp4",
            $"-f lavfi -i testsrc2=size=640x360:rate=25 -f lavfi -i sine=frequency=440 -t {SourceSeconds} "
                + "-c:v libx264 -preset ultrafast -g 50 -c:a aac -shortest"
        );
        var id = (await client.UploadAsync(clip))["id"]!.GetValue<string>();

        for (var i = 0; i < 600 && !File.Exists(marker); i++)
        {
            Assert.False(first.HasExited, "the first worker exited");
            await Task.Delay(100);
        }

        Assert.True(File.Exists(marker), "The first worker never began the first chunk.");
        await Task.Delay(1500);
        first.KillHard(withChildren: true);
        Assert.True(await first.WaitForExitAsync(TimeSpan.FromSeconds(10)));

        await using var second = await ServerProcess.StartAsync(
            new Dictionary<string, string?>(settings) { ["StreamEngine:Role"] = "Worker" }
        );
        var settled = await client.WaitUntilSettledAsync(id, TimeSpan.FromMinutes(3));
        Assert.True(settled["status"]!.GetValue<string>() == "READY", settled.ToJsonString());

        // The video's job, four chunks and the audio: only the killed chunk ran twice.
        Assert.Equal([(0, 1), (1, 2), (2, 1), (3, 1), (4, 1), (5, 1)], await JobsAsync(database));

        var media = Path.Combine(_data.Path, "media", TestIds.Key(id).ToString("N"));
        var renditions = Directory
            .GetDirectories(media)
            .Where(d => File.Exists(Path.Combine(d, "index.m3u8")) && Path.GetFileName(d) != "audio")
            .ToList();
        Assert.NotEmpty(renditions);
        foreach (var rendition in renditions)
        {
            var playlist = await File.ReadAllLinesAsync(Path.Combine(rendition, "index.m3u8"));
            var durations = playlist
                .Where(l => l.StartsWith("#EXTINF:", StringComparison.Ordinal))
                .Select(l => double.Parse(l[8..].TrimEnd(','), CultureInfo.InvariantCulture))
                .ToList();
            Assert.Equal(SourceSeconds / HlsLadderEncoder.SegmentSeconds, durations.Count);
            Assert.InRange(durations.Sum(), SourceSeconds - Frame, SourceSeconds + Frame);
            Assert.DoesNotContain("#EXT-X-DISCONTINUITY", playlist);
        }

        Assert.Empty(Directory.GetDirectories(Path.Combine(_data.Path, "media"), "*.partial-*"));
    }

    /// <summary>ffmpeg as usual, except for the first chunk's encode: it says so in the marker, then runs at the
    /// source's own pace.</summary>
    private string SlowFirstChunk(string marker) =>
        Held.Script(
            _files.Path,
            "ffmpeg-slow-first-chunk.sh",
            $"case \"$*\" in *'-start_number 0 '*) echo started > '{marker}'; exec ffmpeg -re \"$@\";; esac\n"
                + "exec ffmpeg \"$@\"\n"
        );

    private static async Task<List<(int Part, int Attempts)>> JobsAsync(PostgresTestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT \"Part\", \"Attempts\", \"State\" FROM transcode_jobs ORDER BY \"Part\"",
            connection
        );
        await using var reader = await command.ExecuteReaderAsync();
        var jobs = new List<(int, int)>();
        while (await reader.ReadAsync())
        {
            Assert.Equal(2, reader.GetInt32(2)); // succeeded
            jobs.Add((reader.GetInt32(0), reader.GetInt32(1)));
        }

        return jobs;
    }

    public void Dispose()
    {
        _files.Dispose();
        _data.Dispose();
    }
}
