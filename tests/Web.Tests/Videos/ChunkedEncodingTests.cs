using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Persistence;
using StreamEngine.TestSupport;
using StreamEngine.Transcoder;
using StreamEngine.Web.Tests.Accounts;

namespace StreamEngine.Web.Tests.Videos;

/// <summary>A long upload encoded in chunks through the public API (chunks of 8 s for a 30 s clip, so the test stays
/// short): READY with one playlist per rendition whose segments run on across every join, and hls.js in Chromium
/// plays across each join.</summary>
public sealed class ChunkedEncodingTests : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_chunked_video_plays_across_every_join_in_chromium()
    {
        var chromium = TestEnvironment.Require(TestEnvironment.Chromium);
        await using var app = StreamEngineApp.With(
            new Dictionary<string, string?>
            {
                ["StreamEngine:Videos:MinPartSizeBytes"] = "262144",
                ["StreamEngine:Pipeline:Preset"] = "ultrafast",
                ["StreamEngine:Pipeline:PollInterval"] = "00:00:00.500",
                ["StreamEngine:Pipeline:ChunkSeconds"] = "8",
                ["StreamEngine:Pipeline:ChunkThreshold"] = "00:00:10",
                ["StreamEngine:Pipeline:Concurrency"] = "2",
            },
            kestrel: true
        );
        var client = app.CreateGraphQLClient();
        client.AccessToken = (await client.SignUpAsync("chunky")).AccessToken;
        var clip = TestMedia.MakeClip(
            _files.Path,
            "long.mp4",
            "-f lavfi -i testsrc2=size=640x360:rate=25 -f lavfi -i sine=frequency=440 -t 30 -c:v libx264 -preset "
                + "ultrafast -c:a aac -shortest"
        );

        var id = (await client.UploadAsync(clip))["id"]!.GetValue<string>();
        var ready = await client.WaitUntilSettledAsync(id, TimeSpan.FromMinutes(3));
        Assert.True(ready["status"]!.GetValue<string>() == "READY", ready.ToJsonString());
        var hls = ready["playback"]!["hlsUrl"]!.GetValue<string>();
        var variant = await client.Http.GetStringAsync(new Uri(new Uri(hls), "360p/index.m3u8"));
        Assert.Equal(8, variant.Split('\n').Count(l => l.EndsWith(".m4s", StringComparison.Ordinal)));
        Assert.DoesNotContain("DISCONTINUITY", variant, StringComparison.Ordinal);
        Assert.Single(variant.Split('\n'), l => l.StartsWith("#EXT-X-MAP", StringComparison.Ordinal));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The video's job and one job per part (4 chunks, then the audio and storyboard), each done once.
            var jobs = await scope
                .ServiceProvider.GetRequiredService<AppDbContext>()
                .TranscodeJobs.AsNoTracking()
                .Where(j => j.VideoId == TestIds.Key(id))
                .OrderBy(j => j.Part)
                .ToListAsync();
            Assert.Equal([0, 1, 2, 3, 4, 5], jobs.Select(j => j.Part));
            Assert.All(jobs, j => Assert.Equal(TranscodeJobState.Succeeded, j.State));
            Assert.All(jobs.Skip(1), j => Assert.Equal(1, j.Attempts));
        }

        var media = Path.Combine(app.DataDirectory, "media", TestIds.Key(id).ToString("N"));
        Assert.False(Directory.Exists(ChunkedTranscode.WorkOf(media)), "The work folder is left behind.");
        Assert.False(File.Exists(Path.Combine(media, "plan.json")), "The plan is published with the media.");

        var (exit, output) = await NodePeer.RunAsync(
            "play-hls.mjs",
            [app.BaseAddress.ToString().TrimEnd('/'), hls, "avc1", "8,16,24"],
            TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["STREAMENGINE_TEST_CHROMIUM"] = chromium }
        );

        Assert.True(exit == 0, output);
        var result = JsonNode.Parse(output.Trim().Split('\n')[^1])!;
        Assert.Equal(3, result["crossed"]!.AsArray().Count);
        Assert.All(
            result["crossed"]!.AsArray().Zip([8.0, 16.0, 24.0]),
            pair => Assert.InRange(pair.First!.GetValue<double>(), pair.Second + 1.5, pair.Second + 4)
        );
    }
}
