using System.Globalization;
using System.Text.RegularExpressions;

namespace StreamEngine.Transcoder.Tests;

/// <summary>What the ladder makes besides its video renditions: the storyboard, the shared audio rendition, the
/// segment formats and the optional AV1 renditions.</summary>
public sealed partial class MediaFeatureTests : IClassFixture<Sources>, IDisposable
{
    private readonly Sources _sources;
    private readonly string _output = Directory.CreateTempSubdirectory("streamengine-media-").FullName;

    public MediaFeatureTests(Sources sources)
    {
        _sources = sources;
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public async Task The_storyboard_has_one_tile_per_interval_and_cues_that_point_at_each_tile()
    {
        var target = Path.Combine(_output, "storyboard");

        var result = await new VideoTranscoder(new FfmpegOptions { Preset = "ultrafast" }).TranscodeAsync(
            _sources.Landscape720WithAudio,
            target,
            null,
            null,
            default
        );

        var layout = Assert.IsType<StoryboardLayout>(result.Storyboard);
        Assert.Equal((1, 160, 90, 9), (layout.IntervalSeconds, layout.TileWidth, layout.TileHeight, layout.Count));
        var sprite = Path.Combine(target, "storyboard", "sprite.jpg");
        var size = MediaInspection.Probe(sprite, "-show_streams").GetProperty("streams")[0];
        Assert.Equal(layout.Columns * 160, size.GetProperty("width").GetInt32());
        Assert.Equal(layout.Rows * 90, size.GetProperty("height").GetInt32());

        var vtt = File.ReadAllText(Path.Combine(target, "storyboard", "storyboard.vtt"));
        Assert.StartsWith("WEBVTT\n", vtt, StringComparison.Ordinal);
        var cues = Cue().Matches(vtt);
        Assert.Equal(9, cues.Count);
        for (var i = 0; i < cues.Count; i++)
        {
            Assert.Equal(Seconds(i), cues[i].Groups["start"].Value);
            Assert.Equal(Seconds(i + 1), cues[i].Groups["end"].Value);
            var (x, y) = (int.Parse(cues[i].Groups["x"].Value, CultureInfo.InvariantCulture), cues[i].Groups["y"]);
            Assert.Equal(i % layout.Columns * 160, x);
            Assert.Equal((i / layout.Columns * 90).ToString(CultureInfo.InvariantCulture), y.Value);
            Assert.Equal(("160", "90"), (cues[i].Groups["w"].Value, cues[i].Groups["h"].Value));
        }

        // The tiles are pictures of the video, not padding: the last cue's tile is not black.
        Assert.True(new FileInfo(sprite).Length > 5_000);
    }

    [Theory]
    [InlineData(30, 1920, 1080, 1, 30, 160, 90)]
    [InlineData(600, 1920, 1080, 3, 200, 160, 90)]
    [InlineData(3600, 1080, 1920, 18, 200, 90, 160)]
    [InlineData(0.5, 640, 480, 1, 1, 160, 120)]
    public void A_storyboard_never_has_more_than_200_tiles(
        double duration,
        int width,
        int height,
        int interval,
        int count,
        int tileWidth,
        int tileHeight
    )
    {
        var layout = StoryboardLayout.For(duration, width, height);

        Assert.Equal(
            (interval, count, tileWidth, tileHeight),
            (layout.IntervalSeconds, layout.Count, layout.TileWidth, layout.TileHeight)
        );
        Assert.True(layout.Columns * layout.Rows > layout.Count, "a spare tile keeps the sprite to one image");
        Assert.Equal(count, Cue().Count(layout.Vtt(duration)));
    }

    [Fact]
    public void The_audio_is_encoded_once_however_many_renditions_there_are()
    {
        var probe = new ProbeResult("mov", 10, 1920, 1080, 0, 30, "h264", true, 0);
        var plan = RenditionLadder.Plan(probe);

        var arguments = new HlsLadderEncoder(new FfmpegOptions()).BuildArguments("in.mp4", probe, plan, "/tmp/out");

        Assert.Equal(4, plan.Count);
        Assert.Single(arguments, a => a == "-c:a");
        Assert.Single(arguments, a => a == "0:a:0");
        Assert.Equal(4, arguments.Count(a => a == "-an"));
        Assert.Contains(Path.Combine("/tmp/out", "audio", "index.m3u8"), arguments);
    }

    [Fact]
    public async Task Transport_stream_segments_remain_an_option()
    {
        var target = Path.Combine(_output, "ts");
        var options = new FfmpegOptions { Preset = "ultrafast", SegmentFormat = SegmentFormat.Ts };

        var result = await new VideoTranscoder(options).TranscodeAsync(
            _sources.Landscape720WithAudio,
            target,
            [new LadderRung("360p", 360, 800)],
            null,
            default
        );

        var master = File.ReadAllText(Path.Combine(target, "master.m3u8"));
        Assert.Contains("#EXT-X-VERSION:3", master, StringComparison.Ordinal);
        var rendition = Assert.Single(result.Renditions);
        Assert.Matches("^avc1\\.[0-9a-f]{6},mp4a\\.40\\.2$", rendition.Codecs);
        foreach (var folder in new[] { "360p", "audio" })
        {
            var playlist = File.ReadAllText(Path.Combine(target, folder, "index.m3u8"));
            Assert.DoesNotContain("#EXT-X-MAP", playlist, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(target, folder, "segment_00000.ts")));
            Assert.False(File.Exists(Path.Combine(target, folder, "init.mp4")));
        }

        Assert.Equal((640, 360, false), MediaInspection.Streams(Path.Combine(target, "360p", "segment_00000.ts")));
    }

    [Fact]
    public async Task An_av1_rung_adds_an_aligned_av1_rendition_with_its_codec_in_the_master()
    {
        var target = Path.Combine(_output, "av1");
        var options = new FfmpegOptions { Preset = "ultrafast", Av1Preset = 12 };

        var result = await new VideoTranscoder(options).TranscodeAsync(
            _sources.Small360Silent,
            target,
            [new LadderRung("360p", 360, 800, Av1Kbps: 400)],
            null,
            default
        );

        Assert.Equal(["360p", "360p-av1"], result.Renditions.Select(r => r.Name).Order());
        var av1 = result.Renditions.Single(r => r.Name == "360p-av1");
        Assert.Matches("^av01\\.0\\.\\d\\dM\\.08$", av1.Codecs);
        Assert.Equal((640, 360), (av1.Width, av1.Height));
        var master = File.ReadAllText(Path.Combine(target, "master.m3u8"));
        Assert.Contains($"CODECS=\"{av1.Codecs}\"", master, StringComparison.Ordinal);
        Assert.Contains("360p-av1/index.m3u8", master, StringComparison.Ordinal);

        var h264 = HlsPackage.ReadSegments(Path.Combine(target, "360p", "index.m3u8"));
        var segments = HlsPackage.ReadSegments(Path.Combine(target, "360p-av1", "index.m3u8"));
        Assert.Equal(h264.Select(s => s.Duration), segments.Select(s => s.Duration));
        foreach (var segment in segments)
        {
            Assert.True(MediaInspection.FirstFrameIsKeyframe(Path.Combine(target, "360p-av1", segment.Uri)));
        }
    }

    [Fact]
    public async Task An_audio_only_source_becomes_an_audio_only_asset_with_a_waveform_poster()
    {
        var source = Path.Combine(_output, "podcast.m4a");
        var make = System.Diagnostics.Process.Start(
            "ffmpeg",
            [
                "-hide_banner",
                "-loglevel",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=330:duration=7",
                "-c:a",
                "aac",
                source,
            ]
        )!;
        await make.WaitForExitAsync();
        var target = Path.Combine(_output, "audio-only");

        var result = await new VideoTranscoder(new FfmpegOptions()).TranscodeAsync(source, target, null, null, default);

        Assert.False(result.Source.HasVideo);
        Assert.Null(result.Storyboard);
        var variant = Assert.Single(result.Renditions);
        Assert.Equal(("audio", "mp4a.40.2"), (variant.Name, variant.Codecs));
        var master = File.ReadAllText(Path.Combine(target, "master.m3u8"));
        Assert.Contains("CODECS=\"mp4a.40.2\"\naudio/index.m3u8", master, StringComparison.Ordinal);
        Assert.DoesNotContain("#EXT-X-MEDIA", master, StringComparison.Ordinal);
        var poster = MediaInspection.Probe(Path.Combine(target, "poster.jpg"), "-show_streams").GetProperty("streams")[
            0
        ];
        Assert.Equal((1280, 720), (poster.GetProperty("width").GetInt32(), poster.GetProperty("height").GetInt32()));
        var audio = HlsPackage.ReadSegments(Path.Combine(target, "audio", "index.m3u8"));
        Assert.InRange(audio.Sum(s => s.Duration), 6.9, 7.1);
    }

    private static string Seconds(int seconds) => StoryboardLayout.Timestamp(seconds);

    [GeneratedRegex(
        @"(?<start>\d\d:\d\d:\d\d\.\d\d\d) --> (?<end>\d\d:\d\d:\d\d\.\d\d\d)\n"
            + @"sprite\.jpg#xywh=(?<x>\d+),(?<y>\d+),(?<w>\d+),(?<h>\d+)\n"
    )]
    private static partial Regex Cue();
}
