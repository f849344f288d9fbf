using System.Diagnostics;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace StreamEngine.Transcoder.Tests;

/// <summary>The transcoder console program as the ECS task runs it, against a real S3-compatible server (s3rver):
/// renditions, then master, write a complete HLS ladder to the production bucket.</summary>
public sealed class S3TaskTests : IClassFixture<Sources>, IAsyncLifetime
{
    private readonly Sources _sources;
    private readonly string _raw = "raw-" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _production = "prod-" + Guid.NewGuid().ToString("N")[..10];
    private string _url = null!;
    private AmazonS3Client _s3 = null!;

    public S3TaskTests(Sources sources) => _sources = sources;

    public async Task InitializeAsync()
    {
        _url =
            Environment.GetEnvironmentVariable("STREAMENGINE_TEST_S3")
            ?? throw new InvalidOperationException(
                "This test needs STREAMENGINE_TEST_S3, which scripts/test.sh sets after starting s3rver."
            );
        _s3 = new AmazonS3Client(
            new BasicAWSCredentials("S3RVER", "S3RVER"),
            new AmazonS3Config
            {
                ServiceURL = _url,
                ForcePathStyle = true,
                UseHttp = true,
                AuthenticationRegion = "us-east-1",
            }
        );
        await _s3.PutBucketAsync(_raw);
        await _s3.PutBucketAsync(_production);
    }

    public Task DisposeAsync()
    {
        _s3.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Rendition_tasks_then_the_master_task_write_a_complete_ladder_to_the_production_bucket()
    {
        await _s3.PutObjectAsync(
            new PutObjectRequest
            {
                BucketName = _raw,
                Key = "raw/v1/source",
                FilePath = _sources.Landscape720WithAudio,
                UseChunkEncoding = false,
            }
        );

        var probe = await RunTaskAsync("probe", string.Empty);
        var high = await RunTaskAsync("renditions", "1080p,720p");
        var low = await RunTaskAsync("renditions", "480p,360p");
        var master = await RunTaskAsync("master", string.Empty);

        Assert.True(probe.ExitCode == 0, probe.Output);
        Assert.Contains("1280x720", probe.Output, StringComparison.Ordinal);
        Assert.True(high.ExitCode == 0, high.Output);
        Assert.True(low.ExitCode == 0, low.Output);
        Assert.True(master.ExitCode == 0, master.Output);
        var keys = (
            await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _production, Prefix = "videos/v1/" })
        )
            .S3Objects.Select(o => o.Key)
            .ToList();
        Assert.Contains("videos/v1/master.m3u8", keys);
        Assert.Contains("videos/v1/poster.jpg", keys);
        Assert.Contains("videos/v1/probe.json", keys);
        foreach (var rendition in new[] { "720p", "480p", "360p" })
        {
            Assert.Contains($"videos/v1/{rendition}/index.m3u8", keys);
            Assert.Contains(keys, k => k.StartsWith($"videos/v1/{rendition}/segment_", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(keys, k => k.Contains("1080p", StringComparison.Ordinal));

        // The master task adds what no rendition task makes: the shared audio and the storyboard.
        Assert.Contains("videos/v1/audio/index.m3u8", keys);
        Assert.Contains("videos/v1/audio/init.mp4", keys);
        Assert.Contains("videos/v1/storyboard/sprite.jpg", keys);
        Assert.Contains("videos/v1/storyboard/storyboard.vtt", keys);
        using (var outputs = await _s3.GetObjectAsync(_production, "videos/v1/outputs.json"))
        {
            var ladder = await System.Text.Json.JsonSerializer.DeserializeAsync<LadderOutputs>(outputs.ResponseStream);
            Assert.Equal(["720p", "480p", "360p"], ladder!.Variants.Select(v => v.Name));
            Assert.All(ladder.Variants, v => Assert.EndsWith(",mp4a.40.2", v.Codecs, StringComparison.Ordinal));
            Assert.NotNull(ladder.Storyboard);
        }
        using var masterObject = await _s3.GetObjectAsync(_production, "videos/v1/master.m3u8");
        using var reader = new StreamReader(masterObject.ResponseStream);
        var text = await reader.ReadToEndAsync();
        Assert.Equal(3, text.Split('\n').Count(l => l.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal)));
        Assert.Equal(3, text.Split("AUDIO=\"aud\"").Length - 1);
        Assert.Contains("URI=\"audio/index.m3u8\"", text, StringComparison.Ordinal);
        Assert.Equal("application/vnd.apple.mpegurl", masterObject.Headers.ContentType);
        var segment = keys.First(k => k.EndsWith(".m4s", StringComparison.Ordinal));
        var head = await _s3.GetObjectMetadataAsync(_production, segment);
        Assert.Equal("video/iso.segment", head.Headers.ContentType);
        Assert.Equal("public, max-age=31536000, immutable", head.Headers.CacheControl);
    }

    [Fact]
    public async Task A_long_source_is_listed_in_chunks_encoded_one_task_per_chunk_and_joined_by_the_master_task()
    {
        await _s3.PutObjectAsync(
            new PutObjectRequest
            {
                BucketName = _raw,
                Key = "raw/v1/source",
                FilePath = _sources.Long30WithAudio,
                UseChunkEncoding = false,
            }
        );
        var chunking = new Dictionary<string, string>
        {
            ["STREAMENGINE_CHUNK_SECONDS"] = "8",
            ["STREAMENGINE_CHUNK_THRESHOLD_SECONDS"] = "10",
        };

        Assert.Equal(0, (await RunTaskAsync("probe", string.Empty, more: chunking)).ExitCode);
        using (var list = await _s3.GetObjectAsync(_production, "videos/v1/chunks.json"))
        {
            var chunks = (await System.Text.Json.JsonDocument.ParseAsync(list.ResponseStream)).RootElement;
            Assert.Equal(
                [0, 1, 2, 3],
                chunks.GetProperty("chunks").EnumerateArray().Select(c => c.GetProperty("index").GetInt32())
            );
        }

        // The rendition branches have nothing to do; the Map runs the chunks in any order, one of them twice.
        var whole = await RunTaskAsync("renditions", "720p,480p,360p", more: chunking);
        Assert.Contains("encoded in 4 chunks", whole.Output, StringComparison.Ordinal);
        foreach (var index in new[] { 3, 1, 0, 2, 1 })
        {
            var chunk = await RunTaskAsync(
                "chunk",
                string.Empty,
                more: new Dictionary<string, string>(chunking) { ["STREAMENGINE_CHUNK_INDEX"] = $"{index}" }
            );
            Assert.True(chunk.ExitCode == 0, chunk.Output);
        }

        var master = await RunTaskAsync("master", string.Empty, more: chunking);

        Assert.True(master.ExitCode == 0, master.Output);
        var keys = (
            await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _production, Prefix = "videos/v1/" })
        )
            .S3Objects.Select(o => o.Key)
            .ToList();
        Assert.DoesNotContain(keys, k => k.StartsWith("videos/v1/chunks/", StringComparison.Ordinal));
        Assert.Contains("videos/v1/master.m3u8", keys);
        foreach (var rendition in new[] { "360p", "audio" })
        {
            using var playlist = await _s3.GetObjectAsync(_production, $"videos/v1/{rendition}/index.m3u8");
            using var reader = new StreamReader(playlist.ResponseStream);
            var lines = (await reader.ReadToEndAsync()).Split('\n');
            var durations = lines
                .Where(l => l.StartsWith("#EXTINF:", StringComparison.Ordinal))
                .Select(l => double.Parse(l[8..].TrimEnd(','), System.Globalization.CultureInfo.InvariantCulture))
                .ToList();
            Assert.Equal(30 / HlsLadderEncoder.SegmentSeconds + 1, durations.Count);
            Assert.InRange(durations.Sum(), 30 - 0.04, 30 + 0.04);
            Assert.DoesNotContain("#EXT-X-DISCONTINUITY", lines);
            Assert.All(
                lines.Where(l => l.EndsWith(".m4s", StringComparison.Ordinal)),
                uri => Assert.Contains($"videos/v1/{rendition}/{uri}", keys)
            );
        }
    }

    [Fact]
    public async Task A_missing_source_or_an_incomplete_environment_exits_non_zero()
    {
        var missing = await RunTaskAsync("renditions", "720p", rawKey: "raw/nothing/source");
        var incomplete = await RunTaskAsync("renditions", "720p", omitBuckets: true);

        Assert.Equal(1, missing.ExitCode);
        Assert.Equal(2, incomplete.ExitCode);
        Assert.Contains("STREAMENGINE_RAW_BUCKET is required", incomplete.Output, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output)> RunTaskAsync(
        string mode,
        string renditions,
        string rawKey = "raw/v1/source",
        bool omitBuckets = false,
        IReadOnlyDictionary<string, string>? more = null
    )
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "StreamEngine.TranscoderTask.dll"));
        start.ArgumentList.Add("task");
        start.Environment["STREAMENGINE_TASK_MODE"] = mode;
        start.Environment["STREAMENGINE_VIDEO_ID"] = "v1";
        if (!omitBuckets)
        {
            start.Environment["STREAMENGINE_RAW_BUCKET"] = _raw;
            start.Environment["STREAMENGINE_PRODUCTION_BUCKET"] = _production;
        }

        start.Environment["STREAMENGINE_RAW_KEY"] = rawKey;
        start.Environment["STREAMENGINE_PRODUCTION_PREFIX"] = "videos/v1";
        start.Environment["STREAMENGINE_RENDITIONS"] = renditions;
        start.Environment["STREAMENGINE_S3_SERVICE_URL"] = _url;
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["AWS_ACCESS_KEY_ID"] = "S3RVER";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "S3RVER";
        foreach (var (name, value) in more ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
