namespace StreamEngine.Transcoder.Tests;

/// <summary>The stall watch must not take a working encode for a stalled one. With the storyboard among its outputs,
/// ffmpeg 5.1 prints no progress report until the end (its single sprite comes last), so an encode longer than the
/// stall timeout used to fail as "made no progress" (found by the 10-minute bench: every single-job encode of it
/// failed after 2 minutes). The watch now also counts bytes written, and the segments give the percentage.</summary>
public sealed class EncodeStallTests : IClassFixture<Sources>, IDisposable
{
    private readonly Sources _sources;
    private readonly string _output = Directory.CreateTempSubdirectory("streamengine-stall-").FullName;

    public EncodeStallTests(Sources sources) => _sources = sources;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public async Task An_encode_with_a_storyboard_that_outlasts_the_stall_timeout_finishes_and_reports_progress()
    {
        // The 30 s source read at its own pace: the encode takes 30 s, the stall timeout is 8 s.
        var ffmpeg = Path.Combine(_output, "ffmpeg-realtime.sh");
        File.WriteAllText(ffmpeg, "#!/bin/sh\nexec ffmpeg -re \"$@\"\n");
        File.SetUnixFileMode(ffmpeg, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var options = new FfmpegOptions
        {
            Preset = "ultrafast",
            FfmpegPath = ffmpeg,
            EncodeStallTimeout = TimeSpan.FromSeconds(8),
        };
        var reports = new List<double>();
        var progress = new SynchronousProgress(r =>
        {
            if (r.Stage == "ENCODING")
            {
                lock (reports)
                {
                    reports.Add(r.Percent);
                }
            }
        });

        var result = await new VideoTranscoder(options).TranscodeAsync(
            _sources.Long30WithAudio,
            Path.Combine(_output, "video"),
            null,
            progress,
            default
        );

        Assert.NotNull(result.Storyboard);
        Assert.True(File.Exists(Path.Combine(_output, "video", StoryboardLayout.Folder, StoryboardLayout.SpriteFile)));
        lock (reports)
        {
            // Progress while it ran, in order, not only at the end.
            Assert.True(reports.Count(p => p is > 0 and < 90) >= 3, string.Join(", ", reports));
            Assert.Equal(reports.Order(), reports);
        }
    }

    private sealed class SynchronousProgress(Action<TranscodeProgress> report) : IProgress<TranscodeProgress>
    {
        public void Report(TranscodeProgress value) => report(value);
    }
}
