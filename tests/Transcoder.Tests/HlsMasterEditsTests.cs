namespace StreamEngine.Transcoder.Tests;

public sealed class HlsMasterEditsTests
{
    private const string Master =
        "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n"
        + "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud\",NAME=\"Main\",DEFAULT=YES,AUTOSELECT=YES,URI=\"audio/index.m3u8\"\n"
        + "#EXT-X-STREAM-INF:BANDWIDTH=2000,CODECS=\"av01.0.04M.08,mp4a.40.2\",AUDIO=\"aud\"\n720p-av1/index.m3u8\n"
        + "#EXT-X-STREAM-INF:BANDWIDTH=3000,CODECS=\"avc1.64001f,mp4a.40.2\",AUDIO=\"aud\"\n720p/index.m3u8\n";

    [Fact]
    public void Subtitles_are_listed_once_named_by_every_variant_and_removed_without_a_trace()
    {
        var with = HlsMasterEdits.WithSubtitles(
            Master,
            [new("en", "English", "captions/en-1.m3u8"), new("fr", "Français", "captions/fr-1.m3u8")]
        );
        var replaced = HlsMasterEdits.WithSubtitles(with, [new("fr", "Français", "captions/fr-2.m3u8")]);
        var without = HlsMasterEdits.WithSubtitles(replaced, []);

        var lines = with.Split('\n');
        Assert.Equal(2, lines.Count(l => l.StartsWith("#EXT-X-MEDIA:TYPE=SUBTITLES,", StringComparison.Ordinal)));
        Assert.Contains(
            "#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"English\",LANGUAGE=\"en\",DEFAULT=YES,AUTOSELECT=YES,"
                + "URI=\"captions/en-1.m3u8\"",
            lines
        );
        Assert.All(
            lines.Where(l => l.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal)),
            l => Assert.EndsWith(",SUBTITLES=\"subs\"", l, StringComparison.Ordinal)
        );
        Assert.True(
            Array.FindIndex(lines, l => l.Contains("SUBTITLES,", StringComparison.Ordinal))
                < Array.FindIndex(lines, l => l.StartsWith("#EXT-X-STREAM-INF", StringComparison.Ordinal))
        );
        Assert.DoesNotContain("en-1", replaced, StringComparison.Ordinal);
        Assert.Single(replaced.Split("SUBTITLES=\"subs\"").Skip(2));
        Assert.Equal(Master, without);
    }

    [Fact]
    public void The_top_h264_variant_is_the_one_every_device_plays()
    {
        Assert.Equal("720p/index.m3u8", HlsMasterEdits.TopH264Variant(Master));
    }

    [Fact]
    public void A_subtitle_playlist_covers_the_whole_video_in_one_segment()
    {
        var playlist = HlsMasterEdits.SubtitlePlaylist("en-1.vtt", 9.5);

        Assert.Contains("#EXT-X-TARGETDURATION:10\n", playlist, StringComparison.Ordinal);
        Assert.Contains("#EXTINF:9.500,\nen-1.vtt\n#EXT-X-ENDLIST", playlist, StringComparison.Ordinal);
    }
}
