namespace StreamEngine.Transcoder.Tests;

/// <summary>The chunked transcode as steps other processes take: parts done in any order, one of them twice, the plan
/// read back from the work folder, and a join interrupted half-way and done again give the ladder a single encode
/// gives.</summary>
public sealed class ChunkedTranscodeTests : IClassFixture<Sources>, IDisposable
{
    private readonly Sources _sources;
    private readonly string _output = Directory.CreateTempSubdirectory("streamengine-chunked-steps-").FullName;

    public ChunkedTranscodeTests(Sources sources) => _sources = sources;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public async Task Parts_in_any_order_and_a_join_done_twice_give_the_single_encodes_playlists()
    {
        var options = new FfmpegOptions
        {
            Preset = "ultrafast",
            ChunkSeconds = 8,
            ChunkThreshold = TimeSpan.FromSeconds(10),
        };
        var chunked = new ChunkedTranscode(options);
        var target = Path.Combine(_output, "video");
        var work = ChunkedTranscode.WorkOf(target);
        var off = new ChunkedTranscode(new FfmpegOptions { ChunkSeconds = 0 });
        Assert.Null(await off.PlanAsync(_sources.Long30WithAudio, null, default));
        var planned = (await chunked.PlanAsync(_sources.Long30WithAudio, null, default))!;
        await ChunkedTranscode.SavePlanAsync(work, planned, default);
        var plan = (await ChunkedTranscode.LoadPlanAsync(work, default))!;
        Assert.Equal(5, plan.PartCount);
        Assert.Equal(planned.Chunks, plan.Chunks);
        Assert.Equal(planned.Ladder, plan.Ladder);

        // Audio first, the chunks backwards, the second chunk again (a retried part replaces what it left).
        foreach (var part in (int[])[4, 3, 2, 1, 0, 1])
        {
            await chunked.EncodePartAsync(_sources.Long30WithAudio, plan, part, work, default);
        }

        // A join that stops after moving the first rendition's segments: what it did is found where it went.
        var first = plan.Ladder[0].Name;
        Directory.CreateDirectory(Path.Combine(work, first));
        foreach (var chunk in plan.Chunks.Take(2))
        {
            var folder = Path.Combine(ChunkedLadder.FolderOf(work, chunk), first);
            foreach (var (_, uri) in HlsPackage.ReadSegments(Path.Combine(folder, "index.m3u8")))
            {
                File.Move(Path.Combine(folder, uri), Path.Combine(work, first, uri));
            }
        }

        File.Move(
            Path.Combine(ChunkedLadder.FolderOf(work, plan.Chunks[0]), first, HlsPackage.InitSegment),
            Path.Combine(work, first, HlsPackage.InitSegment)
        );
        var result = await chunked.FinishAsync(_sources.Long30WithAudio, plan, target, default);

        var reference = Path.Combine(_output, "whole");
        await new VideoTranscoder(new FfmpegOptions { Preset = "ultrafast" }).TranscodeAsync(
            _sources.Long30WithAudio,
            reference,
            null,
            null,
            default
        );
        Assert.False(Directory.Exists(work));
        Assert.False(File.Exists(Path.Combine(target, "plan.json")));
        Assert.True(File.Exists(Path.Combine(target, VideoTranscoder.PosterFile)));
        Assert.Equal(plan.Ladder.Select(r => r.Name), result.Renditions.Select(r => r.Name));
        foreach (var rendition in plan.Ladder.Select(r => r.Name).Append("audio"))
        {
            var segments = HlsPackage.ReadSegments(Path.Combine(target, rendition, "index.m3u8"));
            Assert.Equal(HlsPackage.ReadSegments(Path.Combine(reference, rendition, "index.m3u8")), segments);
            Assert.All(segments, s => Assert.True(File.Exists(Path.Combine(target, rendition, s.Uri)), s.Uri));
        }

        // Finishing again after it was published (the process died before recording it) measures what is there.
        var again = await chunked.FinishAsync(_sources.Long30WithAudio, plan, target, default);
        Assert.Equal(result.Renditions, again.Renditions);
    }
}
