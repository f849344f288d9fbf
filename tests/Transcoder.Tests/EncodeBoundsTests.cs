namespace StreamEngine.Transcoder.Tests;

/// <summary>A worker's time on one encode is bounded by work really done, not by the duration a file claims.</summary>
public sealed class EncodeBoundsTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("streamengine-bounds-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void A_tiny_file_claiming_four_hours_gets_minutes_not_days()
    {
        var options = new FfmpegOptions();
        var tiny = new ProbeResult("mov", 4 * 3600, 1920, 1080, 0, 30, "h264", false, SizeBytes: 50_000);
        var honest = new ProbeResult("mov", 4 * 3600, 1920, 1080, 0, 30, "h264", true, SizeBytes: 4L * 3600 * 500_000);

        Assert.True(HlsLadderEncoder.EncodeBudget(tiny, options) < TimeSpan.FromMinutes(10));
        Assert.Equal(TimeSpan.FromSeconds(60 + (4 * 3600 * 20)), HlsLadderEncoder.EncodeBudget(honest, options));
    }

    [Fact]
    public async Task An_encoder_whose_output_time_stops_advancing_is_stopped_after_the_stall_timeout()
    {
        // Stands in for an ffmpeg that reports some progress and then hangs on the file.
        var fake = Path.Combine(_work, "stalling-ffmpeg.sh");
        File.WriteAllText(fake, "#!/bin/sh\necho out_time_us=1000000\necho out_time_us=2000000\nexec sleep 600\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var options = new FfmpegOptions { FfmpegPath = fake, EncodeStallTimeout = TimeSpan.FromSeconds(2) };
        var probe = new ProbeResult("mov", 4 * 3600, 640, 360, 0, 30, "h264", false, 10_000_000_000);
        var started = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<TranscodeFailedException>(() =>
            new HlsLadderEncoder(options).EncodeAsync(
                Path.Combine(_work, "source.mp4"),
                probe,
                EncodeJob.Everything(probe, RenditionLadder.Plan(probe)),
                Path.Combine(_work, "out"),
                null,
                default
            )
        );

        Assert.Contains("no progress", error.Message, StringComparison.Ordinal);
        Assert.False(error.Transient);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(60), $"took {started.Elapsed}");
    }

    [Fact]
    public void A_disk_with_room_or_a_missing_folder_is_not_taken_for_a_full_disk()
    {
        Assert.False(TranscodeFailedException.NoRoomAt(_work));
        Assert.False(TranscodeFailedException.NoRoomAt(Path.Combine(_work, "missing", "folder")));
        Assert.True(TranscodeFailedException.SaysOutOfSpace("av_interleaved_write_frame(): No space left on device"));
    }
}
