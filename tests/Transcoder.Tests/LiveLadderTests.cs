namespace StreamEngine.Transcoder.Tests;

public sealed class LiveLadderTests
{
    private static readonly LadderRung[] Rungs = [new("720p", 720, 2800), new("360p", 360, 800)];

    [Fact]
    public void A_720p_broadcast_passes_its_picture_through_and_gets_the_lower_rungs_only()
    {
        var ladder = LiveLadder.Plan(new LiveSource("h264", 1280, 720, 30, "aac"), Rungs);

        Assert.Equal(2, ladder.Count);
        Assert.True(ladder[0].Passthrough);
        Assert.Equal((1280, 720), (ladder[0].Width, ladder[0].Height));
        Assert.False(ladder[1].Passthrough);
        Assert.Equal((640, 360), (ladder[1].Width, ladder[1].Height));
    }

    [Fact]
    public void A_broadcast_at_or_below_the_lowest_rung_is_carried_as_it_is_and_portrait_keeps_its_shape()
    {
        Assert.Single(LiveLadder.Plan(new LiveSource("h264", 640, 360, 30, "aac"), Rungs));
        var portrait = LiveLadder.Plan(new LiveSource("h264", 720, 1280, 30, null), Rungs);
        Assert.Equal([(720, 1280), (360, 640)], portrait.Select(r => (r.Width, r.Height)));
    }

    [Fact]
    public void Only_h264_video_is_carried()
    {
        Assert.Null(LiveLadder.Refusal(new LiveSource("h264", 1280, 720, 30, "aac")));
        Assert.Contains(
            "H.264",
            LiveLadder.Refusal(new LiveSource("flv1", 320, 240, 30, "mp3")),
            StringComparison.Ordinal
        );
        Assert.Contains(
            "no video",
            LiveLadder.Refusal(new LiveSource(null, 0, 0, 30, "aac")),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void The_arguments_copy_the_top_rung_and_aac_cut_aligned_segments_and_continue_after_a_return()
    {
        var source = new LiveSource("h264", 1280, 720, 30, "aac");
        var ladder = LiveLadder.Plan(source, Rungs);
        var args = LiveLadder.Arguments("rtmp://127.0.0.1:1935/live/x", source, ladder, new(2, 60, "veryfast"));
        var text = string.Join(' ', args);

        Assert.Contains("-c:v:0 copy", text, StringComparison.Ordinal);
        Assert.Contains("-filter:v:1 scale=640:360 -c:v:1 libx264", text, StringComparison.Ordinal);
        Assert.Contains("-force_key_frames:v:1 expr:gte(t,n_forced*2)", text, StringComparison.Ordinal);
        Assert.Contains("-c:a copy", text, StringComparison.Ordinal);
        Assert.Contains("-var_stream_map v:0,a:0 v:1,a:1", text, StringComparison.Ordinal);
        Assert.Contains("-hls_time 2 -hls_list_size 60", text, StringComparison.Ordinal);
        Assert.Contains("append_list+discont_start+omit_endlist", text, StringComparison.Ordinal);
        Assert.Contains("-protocol_whitelist rtmp,tcp", text, StringComparison.Ordinal);

        // MP3 (or any audio but AAC) is encoded once per rung; no audio, no audio mapping.
        var mp3 = LiveLadder.Arguments("in", source with { AudioCodec = "mp3" }, ladder, new(2, 60, "veryfast"));
        Assert.Contains("-c:a aac", string.Join(' ', mp3), StringComparison.Ordinal);
        var silent = LiveLadder.Arguments("in", source with { AudioCodec = null }, ladder, new(2, 60, "veryfast"));
        Assert.DoesNotContain("0:a:0", silent);
        Assert.Contains("v:0 v:1", string.Join(' ', silent), StringComparison.Ordinal);
    }

    [Fact]
    public void The_master_lists_every_rung_with_its_size_and_bandwidth()
    {
        var ladder = LiveLadder.Plan(new LiveSource("h264", 1280, 720, 30, "aac"), Rungs);
        var master = LiveLadder.Master(ladder, audio: true);

        Assert.StartsWith("#EXTM3U\n", master, StringComparison.Ordinal);
        Assert.Contains("RESOLUTION=1280x720\nr0/index.m3u8", master, StringComparison.Ordinal);
        Assert.Contains("BANDWIDTH=1020800,RESOLUTION=640x360\nr1/index.m3u8", master, StringComparison.Ordinal);
    }
}
