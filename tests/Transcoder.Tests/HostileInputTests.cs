[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace StreamEngine.Transcoder.Tests;

/// <summary>An upload that is really a playlist or a concat list must not make ffmpeg open what it names. ffmpeg and
/// ffprobe run under strace here, and the test reads every path they opened.</summary>
public sealed class HostileInputTests : IClassFixture<Sources>, IDisposable
{
    private readonly Sources _sources;
    private readonly string _work = Directory.CreateTempSubdirectory("streamengine-hostile-").FullName;

    public HostileInputTests(Sources sources)
    {
        _sources = sources;
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Theory]
    [InlineData("playlist")]
    [InlineData("concat")]
    public async Task A_playlist_or_concat_list_naming_etc_passwd_fails_and_ffmpeg_never_opens_it(string which)
    {
        var source = which == "playlist" ? _sources.HostilePlaylist : _sources.HostileConcat;
        var options = new FfmpegOptions
        {
            FfmpegPath = Traced("ffmpeg"),
            FfprobePath = Traced("ffprobe"),
            Preset = "ultrafast",
        };

        var error = await Assert.ThrowsAsync<MediaRejectedException>(() =>
            new VideoTranscoder(options).TranscodeAsync(source, Path.Combine(_work, "out"), null, null, default)
        );

        var traces = Directory.GetFiles(_work, "trace.*").Select(File.ReadAllText).ToList();
        Assert.NotEmpty(traces);
        Assert.Contains(traces, t => t.Contains(Path.GetFileName(source), StringComparison.Ordinal));
        Assert.DoesNotContain(traces, t => t.Contains("/etc/passwd", StringComparison.Ordinal));
        Assert.Contains("not a video", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_work, "out")));
    }

    [Fact]
    public void Every_run_restricts_protocols_and_demuxers_and_takes_an_absolute_file_url()
    {
        var options = new FfmpegOptions();
        var probe = new ProbeResult("mov", 10, 1280, 720, 0, 30, "h264", true, 0);

        var arguments = new HlsLadderEncoder(options).BuildArguments(
            "relative/concat:evil.mp4",
            probe,
            RenditionLadder.Plan(probe),
            "/tmp/out"
        );

        Assert.Equal("file", arguments[arguments.ToList().IndexOf("-protocol_whitelist") + 1]);
        var demuxers = arguments[arguments.ToList().IndexOf("-format_whitelist") + 1].Split(',');
        Assert.DoesNotContain("hls", demuxers);
        Assert.DoesNotContain("concat", demuxers);
        Assert.DoesNotContain("image2", demuxers);
        Assert.StartsWith("file:/", arguments[arguments.ToList().IndexOf("-i") + 1], StringComparison.Ordinal);
    }

    private string Traced(string program)
    {
        var script = Path.Combine(_work, program + "-traced.sh");
        File.WriteAllText(
            script,
            $"#!/bin/sh\nexec strace -f -qq -e trace=open,openat,openat2 -o \"{_work}/trace.{program}.$$\" "
                + $"{program} \"$@\"\n"
        );
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }
}
