using StreamEngine.Application.Videos;
using StreamEngine.Domain.Videos;
using StreamEngine.Fakes;

namespace StreamEngine.Application.Tests.Videos;

public sealed class CaptionTextTests
{
    [Fact]
    public void Srt_becomes_webvtt_with_its_cues_in_order_and_safe_text()
    {
        const string srt =
            "\uFEFF1\r\n00:00:01,000 --> 00:00:02,500\r\nHello <i>world</i>\r\n\r\n"
            + "2\r\n00:00:03,000 --> 00:00:04,000\r\n<script>alert(1)</script> & a --> b\r\n";

        var vtt = CaptionText.ToWebVtt(CaptionFormat.Srt, srt, 10);

        Assert.True(vtt.Succeeded);
        Assert.Equal(
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nHello <i>world</i>\n\n"
                + "00:00:03.000 --> 00:00:04.000\n&lt;script&gt;alert(1)&lt;/script&gt; &amp; a --&gt; b\n",
            vtt.Value
        );
    }

    [Fact]
    public void Webvtt_keeps_its_cues_and_drops_notes_styles_and_ids()
    {
        const string text =
            "WEBVTT - a title\n\nNOTE a comment\n\nSTYLE\n::cue { color: red }\n\nintro\n00:01.000 --> 00:02.000 "
            + "align:start\nHi\n";

        var vtt = CaptionText.ToWebVtt(CaptionFormat.WebVtt, text, 10);

        Assert.Equal("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n", vtt.Value);
    }

    [Theory]
    [InlineData(CaptionFormat.WebVtt, "1\n00:00:01.000 --> 00:00:02.000\nno header\n", "WEBVTT")]
    [InlineData(CaptionFormat.Srt, "1\n00:00:02,000 --> 00:00:01,000\nbackwards\n", "line 2")]
    [InlineData(CaptionFormat.Srt, "1\n00:00:01.000 --> 00:00:02.000\nvtt times in srt\n", "line 2")]
    [InlineData(CaptionFormat.Srt, "1\nnot a timing\ntext\n", "line 2")]
    [InlineData(CaptionFormat.Srt, "1\n00:00:01,000 --> 00:00:02,000\n", "no text")]
    [InlineData(CaptionFormat.Srt, "", "no cues")]
    [InlineData(CaptionFormat.Srt, "1\n00:00:01,000 --> 00:00:02,000\nnul\0byte\n", "control")]
    [InlineData(CaptionFormat.Srt, "1\n00:59:01,000 --> 00:59:02,000\nafter the end\n", "after the video")]
    [InlineData(CaptionFormat.Srt, "1\n00:61:01,000 --> 00:62:02,000\nbad minutes\n", "line 2")]
    public void Anything_else_is_refused_with_where_it_stopped(CaptionFormat format, string content, string why)
    {
        var vtt = CaptionText.ToWebVtt(format, content, 10);

        var error = Assert.Single(vtt.Errors);
        Assert.Equal("CAPTION_INVALID", error.Code);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_a_mebibyte_is_refused()
    {
        var content = "1\n00:00:01,000 --> 00:00:02,000\n" + new string('a', CaptionText.MaxBytes);

        Assert.Equal(
            "CAPTION_TOO_LARGE",
            Assert.Single(CaptionText.ToWebVtt(CaptionFormat.Srt, content, 10).Errors).Code
        );
    }
}

public sealed class AddVideoCaptionTests : IDisposable
{
    private const string Srt = "1\n00:00:01,000 --> 00:00:02,000\nHello\n";
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_caption_is_written_listed_in_the_master_and_a_new_version_replaces_the_old_files()
    {
        var owner = _world.AddUser();
        var video = _world.AddVideo(owner.Id);
        _world.Caller.SignIn(owner.Id);

        var first = await Add(video.Id, "PT-br", "Português");
        var firstKey = first.Value!.Captions[0].Key;
        var second = await Add(video.Id, "pt-BR", "Português (Brasil)");

        var caption = Assert.Single(second.Value!.Captions);
        Assert.Equal(("pt-BR", "Português (Brasil)"), (caption.Language, caption.Label));
        Assert.NotEqual(firstKey, caption.Key);
        Assert.Equal(["pt-BR"], _world.Media.MasterCaptions[video.Id]);
        Assert.StartsWith(
            "WEBVTT\n",
            _world.Media.Files[(video.Id, $"captions/{caption.Key}.vtt")],
            StringComparison.Ordinal
        );
        Assert.DoesNotContain(_world.Media.Files.Keys, k => k.File.Contains(firstKey, StringComparison.Ordinal));
        Assert.Equal(2, _world.Bus.Published.Count);
    }

    [Fact]
    public async Task Bad_input_strangers_unready_videos_and_unsupported_pipelines_change_nothing()
    {
        var owner = _world.AddUser("owner");
        var stranger = _world.AddUser("stranger");
        var video = _world.AddVideo(owner.Id);
        var processing = _world.AddVideo(owner.Id, VideoStatus.Processing);

        _world.Caller.SignIn(stranger.Id);
        var foreign = await Add(video.Id, "en", "English");
        _world.Caller.SignIn(owner.Id);
        var badLanguage = await Add(video.Id, "english!", "He said \"hi\"");
        var unready = await Add(processing.Id, "en", "English");
        _world.Media.Supported = false;
        var unsupported = await Add(video.Id, "en", "English");

        Assert.Equal("NOT_OWNER", Assert.Single(foreign.Errors).Code);
        Assert.Equal(["INVALID_LANGUAGE", "INVALID_LABEL"], badLanguage.Errors.Select(e => e.Code));
        Assert.Equal("VIDEO_NOT_READY", Assert.Single(unready.Errors).Code);
        Assert.Equal("UNAVAILABLE_ON_PIPELINE", Assert.Single(unsupported.Errors).Code);
        Assert.Empty(video.Captions);
        Assert.Empty(_world.Media.Files);
        Assert.Empty(_world.Bus.Published);
    }

    [Fact]
    public async Task A_video_has_at_most_twenty_tracks()
    {
        var owner = _world.AddUser();
        var video = _world.AddVideo(owner.Id);
        _world.Caller.SignIn(owner.Id);
        foreach (var language in Enumerable.Range(0, Video.MaxCaptions).Select(i => $"x{(char)('a' + i)}"))
        {
            Assert.True((await Add(video.Id, language, language)).Succeeded);
        }

        var full = await Add(video.Id, "en", "English");

        Assert.Equal("CAPTIONS_FULL", Assert.Single(full.Errors).Code);
        Assert.Equal(Video.MaxCaptions, video.Captions.Count);
    }

    private Task<Common.Result<Video>> Add(Guid videoId, string language, string label) =>
        _world.Get<AddVideoCaption>().Handle(new(videoId, language, label, CaptionFormat.Srt, Srt), default);

    public void Dispose() => _world.Dispose();
}

public sealed class DeleteVideoCaptionTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task The_track_leaves_the_master_and_its_files_go_and_a_missing_one_is_not_found()
    {
        var owner = _world.AddUser();
        var video = _world.AddVideo(owner.Id);
        _world.Caller.SignIn(owner.Id);
        await _world
            .Get<AddVideoCaption>()
            .Handle(
                new(video.Id, "en", "English", CaptionFormat.Srt, "1\n00:00:01,000 --> 00:00:02,000\nHi\n"),
                default
            );

        var deleted = await _world.Get<DeleteVideoCaption>().Handle(new(video.Id, "EN"), default);
        var again = await _world.Get<DeleteVideoCaption>().Handle(new(video.Id, "en"), default);

        Assert.True(deleted.Succeeded);
        Assert.Empty(video.Captions);
        Assert.Empty(_world.Media.MasterCaptions[video.Id]);
        Assert.Empty(_world.Media.Files);
        Assert.Equal("CAPTION_NOT_FOUND", Assert.Single(again.Errors).Code);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class GetCaptionsTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task Tracks_are_signed_beside_the_playback_for_who_may_watch()
    {
        var owner = _world.AddUser();
        var video = _world.AddVideo(owner.Id);
        _world.Caller.SignIn(owner.Id);
        await _world
            .Get<AddVideoCaption>()
            .Handle(
                new(video.Id, "en", "English", CaptionFormat.Srt, "1\n00:00:01,000 --> 00:00:02,000\nHi\n"),
                default
            );
        _world.Caller.SignOut();

        var captions = _world.Get<GetCaptions>().Handle(video);

        var caption = Assert.Single(captions);
        Assert.EndsWith(
            $"/Public/captions/{video.Captions[0].Key}.vtt",
            caption.Url.AbsolutePath,
            StringComparison.Ordinal
        );
    }

    public void Dispose() => _world.Dispose();
}
