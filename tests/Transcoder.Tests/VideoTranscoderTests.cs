using System.Globalization;

namespace StreamEngine.Transcoder.Tests;

public sealed class VideoTranscoderTests : IClassFixture<Sources>, IDisposable
{
    private readonly Sources _sources;
    private readonly string _output = Directory.CreateTempSubdirectory("streamengine-output-").FullName;
    private readonly VideoTranscoder _transcoder = new(new FfmpegOptions { Preset = "ultrafast" });

    public VideoTranscoderTests(Sources sources)
    {
        _sources = sources;
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public async Task A_720p_source_with_audio_becomes_an_aligned_three_rung_ladder()
    {
        var events = new List<TranscodeProgress>();
        var target = Path.Combine(_output, "v720");

        var result = await _transcoder.TranscodeAsync(
            _sources.Landscape720WithAudio,
            target,
            null,
            new SynchronousProgress(events),
            default
        );

        Assert.Equal(["720p", "480p", "360p"], result.Renditions.Select(r => r.Name));
        Assert.Equal([(1280, 720), (852, 480), (640, 360)], result.Renditions.Select(r => (r.Width, r.Height)));
        AssertAlignedLadder(target, result, expectAudio: true);
        Assert.Contains(events, e => e.Stage == "ENCODING" && e.Percent is > 0 and < 100);
        Assert.Equal("DONE", events[^1].Stage);
        Assert.True(new FileInfo(Path.Combine(target, "poster.jpg")).Length > 1000);
    }

    [Fact]
    public async Task A_640x360_source_without_audio_stops_at_360p_and_has_no_audio()
    {
        var target = Path.Combine(_output, "v360");

        var result = await _transcoder.TranscodeAsync(_sources.Small360Silent, target, null, null, default);

        var rendition = Assert.Single(result.Renditions);
        Assert.Equal(("360p", 640, 360), (rendition.Name, rendition.Width, rendition.Height));
        Assert.DoesNotContain("mp4a", rendition.Codecs, StringComparison.Ordinal);
        AssertAlignedLadder(target, result, expectAudio: false);
    }

    [Fact]
    public async Task A_portrait_source_ladders_on_its_short_side_and_stays_portrait()
    {
        var target = Path.Combine(_output, "portrait");

        var result = await _transcoder.TranscodeAsync(_sources.Portrait, target, null, null, default);

        Assert.Equal(
            [("720p", 720, 1280), ("480p", 480, 852), ("360p", 360, 640)],
            result.Renditions.Select(r => (r.Name, r.Width, r.Height))
        );
        AssertAlignedLadder(target, result, expectAudio: true);
    }

    [Fact]
    public async Task A_1366x768_source_keeps_its_aspect_ratio_with_even_dimensions()
    {
        var target = Path.Combine(_output, "odd");

        var result = await _transcoder.TranscodeAsync(_sources.Odd1366, target, null, null, default);

        Assert.Equal([(1280, 720), (854, 480), (640, 360)], result.Renditions.Select(r => (r.Width, r.Height)));
        Assert.All(result.Renditions, r => Assert.True(r.Width % 2 == 0 && r.Height % 2 == 0));
        AssertAlignedLadder(target, result, expectAudio: false);
    }

    [Fact]
    public async Task Rotation_metadata_is_honoured()
    {
        var target = Path.Combine(_output, "rotated");

        var result = await _transcoder.TranscodeAsync(_sources.Rotated, target, null, null, default);

        Assert.Equal(90, Math.Abs(result.Source.Rotation));
        Assert.Equal(
            ("360p", 360, 640),
            (result.Renditions[0].Name, result.Renditions[0].Width, result.Renditions[0].Height)
        );
        Assert.Equal((360, 640, false), MediaInspection.Streams(Path.Combine(target, "360p", "segment_00000.m4s")));
    }

    [Fact]
    public async Task A_variable_frame_rate_source_is_normalised_to_a_constant_rate()
    {
        var target = Path.Combine(_output, "vfr");

        var result = await _transcoder.TranscodeAsync(_sources.VariableFrameRate, target, null, null, default);

        AssertAlignedLadder(target, result, expectAudio: false);
        var stream = MediaInspection
            .Probe(Path.Combine(target, "360p", "segment_00000.m4s"), "-show_streams")
            .GetProperty("streams")[0];
        Assert.Equal(stream.GetProperty("r_frame_rate").GetString(), stream.GetProperty("avg_frame_rate").GetString());
    }

    [Theory]
    [InlineData("corrupted")]
    [InlineData("text")]
    public async Task Damaged_files_and_text_files_are_rejected_with_a_reason_and_leave_nothing(string which)
    {
        var source = which == "text" ? _sources.TextFile : _sources.Corrupted;
        var target = Path.Combine(_output, which);

        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            _transcoder.TranscodeAsync(source, target, null, null, default)
        );

        Assert.True(error is MediaRejectedException or TranscodeFailedException, error.ToString());
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.DoesNotContain("Exception", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_output));
    }

    [Fact]
    public void Custom_rungs_are_planned_without_upscaling()
    {
        var probe = new ProbeResult("mov", 10, 1920, 1080, 0, 29.97, "h264", true, 0);
        var rungs = new[]
        {
            new LadderRung("2160p", 2160, 16000),
            new LadderRung("1080p", 1080, 5000),
            new LadderRung("240p", 240, 400),
        };

        var plan = RenditionLadder.Plan(probe, rungs);

        Assert.Equal(["1080p", "240p"], plan.Select(p => p.Name));
        Assert.Equal((426, 240), (plan[1].Width, plan[1].Height));
    }

    [Fact]
    public void A_source_smaller_than_every_rung_gets_one_rendition_at_its_own_size()
    {
        var plan = RenditionLadder.Plan(new ProbeResult("mov", 10, 321, 241, 0, 30, "h264", false, 0));

        var only = Assert.Single(plan);
        Assert.Equal((320, 240), (only.Width, only.Height));
    }

    [Theory]
    [InlineData("High", 31, "avc1.64001f")]
    [InlineData("Main", 30, "avc1.4d401e")]
    [InlineData("Constrained Baseline", 30, "avc1.42e01e")]
    public void Avc_codec_strings_follow_rfc_6381(string profile, int level, string expected)
    {
        Assert.Equal(expected, HlsPackage.AvcCodec(profile, level));
    }

    private static void AssertAlignedLadder(string target, TranscodeResult result, bool expectAudio)
    {
        var master = File.ReadAllText(Path.Combine(target, "master.m3u8"));
        Assert.StartsWith("#EXTM3U", master, StringComparison.Ordinal);
        Assert.Contains("#EXT-X-VERSION:7", master, StringComparison.Ordinal);
        var segmentCounts = new List<int>();
        foreach (var rendition in result.Renditions)
        {
            Assert.Contains($"RESOLUTION={rendition.Width}x{rendition.Height}", master, StringComparison.Ordinal);
            Assert.Contains(
                $"BANDWIDTH={rendition.PeakBandwidth.ToString(CultureInfo.InvariantCulture)}",
                master,
                StringComparison.Ordinal
            );
            Assert.Contains(
                $"AVERAGE-BANDWIDTH={rendition.AverageBandwidth.ToString(CultureInfo.InvariantCulture)}",
                master,
                StringComparison.Ordinal
            );
            Assert.Contains($"CODECS=\"{rendition.Codecs}\"", master, StringComparison.Ordinal);
            Assert.Contains($"{rendition.Name}/index.m3u8", master, StringComparison.Ordinal);
            Assert.True(rendition.PeakBandwidth >= rendition.AverageBandwidth);
            Assert.Matches("^avc1\\.[0-9a-f]{6}(,mp4a\\.40\\.2)?$", rendition.Codecs);
            Assert.Equal(expectAudio, rendition.Codecs.Contains("mp4a.40.2", StringComparison.Ordinal));

            var playlist = Path.Combine(target, rendition.Name, "index.m3u8");
            var text = File.ReadAllText(playlist);
            Assert.Contains("#EXT-X-PLAYLIST-TYPE:VOD", text, StringComparison.Ordinal);
            Assert.Contains("#EXT-X-ENDLIST", text, StringComparison.Ordinal);
            var segments = HlsPackage.ReadSegments(playlist);
            Assert.All(segments.SkipLast(1), s => Assert.InRange(s.Duration, 3.9, 6.1));
            foreach (var segment in segments)
            {
                var path = Path.Combine(target, rendition.Name, segment.Uri);
                Assert.True(
                    MediaInspection.FirstFrameIsKeyframe(path),
                    $"{rendition.Name}/{segment.Uri} does not start with a keyframe"
                );
            }

            var (width, height, hasAudio) = MediaInspection.Streams(
                Path.Combine(target, rendition.Name, segments[0].Uri)
            );
            Assert.Equal((rendition.Width, rendition.Height, false), (width, height, hasAudio));
            Assert.Contains("#EXT-X-MAP:URI=\"init.mp4\"", text, StringComparison.Ordinal);
            segmentCounts.Add(segments.Count);
        }

        // The audio is encoded once, into its own rendition that every variant names.
        Assert.Equal(expectAudio, Directory.Exists(Path.Combine(target, "audio")));
        Assert.Equal(expectAudio ? result.Renditions.Count : 0, master.Split("AUDIO=\"aud\"").Length - 1);
        Assert.Equal(expectAudio ? 1 : 0, master.Split("#EXT-X-MEDIA:TYPE=AUDIO").Length - 1);
        if (expectAudio)
        {
            var audio = HlsPackage.ReadSegments(Path.Combine(target, "audio", "index.m3u8"));
            Assert.Equal(segmentCounts[0], audio.Count);
            Assert.Equal((0, 0, true), MediaInspection.Streams(Path.Combine(target, "audio", audio[0].Uri)));
        }

        Assert.Single(segmentCounts.Distinct());
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests want every report, in order.</summary>
    private sealed class SynchronousProgress(List<TranscodeProgress> events) : IProgress<TranscodeProgress>
    {
        public void Report(TranscodeProgress value)
        {
            lock (events)
            {
                events.Add(value);
            }
        }
    }
}
