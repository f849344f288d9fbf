using System.Globalization;
using System.Text.Json;

namespace StreamEngine.Transcoder.Tests;

/// <summary>A source encoded in chunks and joined: the same ladder a single encode makes, to the frame.</summary>
public sealed class ChunkedLadderTests : IClassFixture<Sources>, IDisposable
{
    private const double Frame = 1 / 25.0;
    private readonly Sources _sources;
    private readonly string _output = Directory.CreateTempSubdirectory("streamengine-chunked-").FullName;

    public ChunkedLadderTests(Sources sources) => _sources = sources;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public void A_source_splits_into_chunks_of_whole_segments_and_the_last_takes_the_rest()
    {
        Assert.Equal(
            [(0, 0.0, 8.0, 0), (1, 8.0, 8.0, 2), (2, 16.0, 8.0, 4), (3, 24.0, 6.0, 6)],
            ChunkPlan.Split(30, 8).Select(c => (c.Index, c.Start, c.Length, c.FirstSegment))
        );
        Assert.Throws<ArgumentOutOfRangeException>(() => ChunkPlan.Split(30, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChunkPlan.Split(30, 0));
    }

    [Theory]
    [InlineData(SegmentFormat.Fmp4)]
    [InlineData(SegmentFormat.Ts)]
    public async Task Joined_chunks_have_the_sources_duration_and_continuous_timestamps_across_every_join(
        SegmentFormat format
    )
    {
        var chunked = new FfmpegOptions
        {
            Preset = "ultrafast",
            SegmentFormat = format,
            ChunkSeconds = 8,
            ChunkThreshold = TimeSpan.FromSeconds(10),
        };
        var whole = new FfmpegOptions { Preset = "ultrafast", SegmentFormat = format };
        var target = Path.Combine(_output, "chunked");
        var reference = Path.Combine(_output, "whole");

        var result = await new VideoTranscoder(chunked).TranscodeAsync(
            _sources.Long30WithAudio,
            target,
            null,
            null,
            default
        );
        await new VideoTranscoder(whole).TranscodeAsync(_sources.Long30WithAudio, reference, null, null, default);

        Assert.False(Directory.Exists(Path.Combine(target, ChunkedLadder.ChunksFolder)));
        var audio = HlsPackage.ReadSegments(Path.Combine(target, "audio", "index.m3u8"));
        foreach (var rendition in result.Renditions)
        {
            var playlist = Path.Combine(target, rendition.Name, "index.m3u8");
            var segments = HlsPackage.ReadSegments(playlist);
            var single = HlsPackage.ReadSegments(Path.Combine(reference, rendition.Name, "index.m3u8"));

            // The playlist a single encode writes: same segments, same durations, the source's length to the frame.
            Assert.Equal(single, segments);
            Assert.Equal(audio.Count, segments.Count);
            Assert.InRange(segments.Sum(s => s.Duration), 30 - Frame, 30 + Frame);
            var text = File.ReadAllText(playlist);
            Assert.DoesNotContain("DISCONTINUITY", text, StringComparison.Ordinal);
            Assert.EndsWith("#EXT-X-ENDLIST\n", text, StringComparison.Ordinal);

            // Read back as a player does: one frame every 1/25 s from the first to the last, and every segment opens
            // with a keyframe.
            var packets = MediaInspection
                .Probe(
                    playlist,
                    "-protocol_whitelist",
                    "file",
                    "-select_streams",
                    "v",
                    "-show_entries",
                    "packet=pts_time"
                )
                .GetProperty("packets")
                .EnumerateArray()
                .Select(p => Seconds(p, "pts_time"))
                .Order()
                .ToList();
            Assert.Equal(750, packets.Count);
            Assert.All(
                packets.Zip(packets.Skip(1)),
                pair => Assert.InRange(pair.Second - pair.First, Frame - 0.002, Frame + 0.002)
            );
            foreach (var (_, uri) in segments)
            {
                var first = MediaInspection
                    .Probe(
                        Path.Combine(target, rendition.Name, uri),
                        "-select_streams",
                        "v",
                        "-show_entries",
                        "packet=flags",
                        "-read_intervals",
                        "%+#1"
                    )
                    .GetProperty("packets")[0];
                Assert.True(
                    first.GetProperty("flags").GetString()!.StartsWith('K'),
                    $"{rendition.Name} {uri}: no keyframe first"
                );
            }
        }
    }

    private static double Seconds(JsonElement element, string name) =>
        double.Parse(element.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);
}
