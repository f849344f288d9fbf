namespace StreamEngine.Transcoder.Tests;

/// <summary>A transcode watched while it runs: the source is read at its own pace (ffmpeg's <c>-re</c>, through a
/// wrapper), so the first segments exist long before the encode ends.</summary>
public sealed class GrowingLadderTests : IClassFixture<Sources>, IDisposable
{
    private readonly Sources _sources;
    private readonly string _output = Directory.CreateTempSubdirectory("streamengine-growing-").FullName;

    public GrowingLadderTests(Sources sources) => _sources = sources;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public async Task The_ladder_is_playable_from_its_first_segments_and_its_playlists_end_as_vod()
    {
        var target = Path.Combine(_output, "video");
        var ffmpeg = Wrapper("ffmpeg-realtime.sh", "exec ffmpeg -re \"$@\"");
        var transcoder = new VideoTranscoder(new FfmpegOptions { Preset = "ultrafast", FfmpegPath = ffmpeg });
        string? master = null;
        string? variant = null;
        var encodingWhenPlayable = false;

        var result = await transcoder.TranscodeGrowingAsync(
            _sources.Long30WithAudio,
            target,
            null,
            null,
            _ =>
            {
                master = File.ReadAllText(Path.Combine(target, "master.m3u8"));
                variant = File.ReadAllText(Path.Combine(target, "360p", "index.m3u8"));
                encodingWhenPlayable = !File.Exists(Path.Combine(target, VideoTranscoder.PosterFile));
                return Task.CompletedTask;
            },
            default
        );

        // Told while the source (30 s, read in real time) was still being encoded: a growing playlist, a master naming
        // every rendition and the audio, and only complete segments.
        Assert.True(encodingWhenPlayable);
        Assert.Contains("#EXT-X-PLAYLIST-TYPE:EVENT", variant, StringComparison.Ordinal);
        Assert.DoesNotContain("#EXT-X-ENDLIST", variant, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp", variant, StringComparison.Ordinal);
        Assert.InRange(variant!.Split('\n').Count(l => l.EndsWith(".m4s", StringComparison.Ordinal)), 1, 7);
        foreach (var rendition in result.Renditions)
        {
            Assert.Contains($"{rendition.Name}/index.m3u8", master, StringComparison.Ordinal);
        }

        Assert.Contains("BANDWIDTH=992960,AVERAGE-BANDWIDTH=928000", master, StringComparison.Ordinal);
        Assert.Contains("TYPE=AUDIO,GROUP-ID=\"aud\"", master, StringComparison.Ordinal);

        // At the end: VOD playlists, the master from the measured segments, nothing half-written left.
        foreach (var name in result.Renditions.Select(r => r.Name).Append(RenditionLadder.AudioName))
        {
            var playlist = File.ReadAllText(Path.Combine(target, name, "index.m3u8"));
            Assert.Contains("#EXT-X-PLAYLIST-TYPE:VOD", playlist, StringComparison.Ordinal);
            Assert.EndsWith("#EXT-X-ENDLIST\n", playlist, StringComparison.Ordinal);
        }

        var final = File.ReadAllText(Path.Combine(target, "master.m3u8"));
        Assert.Contains($"BANDWIDTH={result.Renditions[0].PeakBandwidth},", final, StringComparison.Ordinal);
        Assert.DoesNotContain("BANDWIDTH=992960,", final, StringComparison.Ordinal);
        Assert.Equal(Codecs(final), Codecs(master!));
        Assert.Empty(Directory.GetFiles(target, "*.tmp", SearchOption.AllDirectories));
        Assert.Equal([target], Directory.GetDirectories(_output));
    }

    [Fact]
    public async Task A_first_segment_that_cannot_be_read_back_once_is_read_again_and_the_video_still_plays_early()
    {
        var target = Path.Combine(_output, "retried");
        var ffmpeg = Wrapper("ffmpeg-realtime.sh", "exec ffmpeg -re \"$@\"");
        var failedOnce = Path.Combine(_output, "failed-once");
        var ffprobe = Wrapper(
            "ffprobe-fails-once.sh",
            $"case \"$*\" in *streamengine-codecs-*) [ -e {failedOnce} ] || {{ touch {failedOnce}; exit 1; }};; esac\n"
                + "exec ffprobe \"$@\""
        );
        var options = new FfmpegOptions
        {
            Preset = "ultrafast",
            FfmpegPath = ffmpeg,
            FfprobePath = ffprobe,
        };
        var encodingWhenPlayable = false;

        await new VideoTranscoder(options).TranscodeGrowingAsync(
            _sources.Long30WithAudio,
            target,
            null,
            null,
            _ =>
            {
                encodingWhenPlayable = !File.Exists(Path.Combine(target, VideoTranscoder.PosterFile));
                return Task.CompletedTask;
            },
            default
        );

        Assert.True(File.Exists(failedOnce), "the first read-back did not fail as arranged");
        Assert.True(encodingWhenPlayable);
    }

    [Fact]
    public async Task A_failed_growing_encode_leaves_nothing_not_even_an_earlier_attempts_files()
    {
        var target = Path.Combine(_output, "broken");
        Directory.CreateDirectory(Path.Combine(target, "720p"));
        await File.WriteAllTextAsync(Path.Combine(target, "720p", "segment_00000.m4s.tmp"), "half");
        var ffmpeg = Wrapper("ffmpeg-fails.sh", "ffmpeg \"$@\"\nexit 1");

        await Assert.ThrowsAsync<TranscodeFailedException>(() =>
            new VideoTranscoder(new FfmpegOptions { Preset = "ultrafast", FfmpegPath = ffmpeg }).TranscodeGrowingAsync(
                _sources.Landscape720WithAudio,
                target,
                null,
                null,
                _ => Task.CompletedTask,
                default
            )
        );

        Assert.Empty(Directory.GetDirectories(_output));
    }

    /// <summary>The CODECS attributes of a master playlist, in order.</summary>
    private static List<string> Codecs(string master) =>
        master.Split("CODECS=\"").Skip(1).Select(part => part[..part.IndexOf('"', StringComparison.Ordinal)]).ToList();

    private string Wrapper(string name, string body)
    {
        var script = Path.Combine(_output, name);
        File.WriteAllText(script, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }
}
