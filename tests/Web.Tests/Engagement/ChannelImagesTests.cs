using System.Net;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests.Engagement;

/// <summary>Avatars and banners through the signed upload flow: checked to be images, re-encoded to fixed
/// sizes.</summary>
public sealed class ChannelImagesTests : IAsyncLifetime
{
    private readonly TempDirectory _files = new();
    private StreamEngineApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new StreamEngineApp();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _files.Dispose();
    }

    [Fact]
    public async Task An_image_becomes_a_fixed_size_jpeg_and_anything_else_is_refused_leaving_nothing()
    {
        var owner = await Person.SignUpAsync(_app, "pictures");
        var png = TestMedia.MakeClip(_files.Path, "wide.png", "-f lavfi -i testsrc2=size=1000x400 -frames:v 1");
        var text = Path.Combine(_files.Path, "notes.png");
        await File.WriteAllTextAsync(text, "this is not a picture at all");
        var video = TestMedia.MakeClip(
            _files.Path,
            "clip.mp4",
            "-f lavfi -i testsrc2=size=320x240:rate=25 -t 1 -c:v libx264 -preset ultrafast"
        );

        var avatar = await SetImageAsync(owner, "AVATAR", png);
        var banner = await SetImageAsync(owner, "BANNER", png);
        var refusedText = await SetImageAsync(owner, "AVATAR", text, expectOk: false);
        var refusedVideo = await SetImageAsync(owner, "AVATAR", video, expectOk: false);
        var channel = (
            await owner.SendAsync(
                "query($h: String!) { channel(handle: $h) { avatarUrl bannerUrl } }",
                new { h = owner.Handle }
            )
        ).Ok()["channel"]!;

        Assert.Equal(["INVALID_IMAGE"], refusedText);
        Assert.Equal(["INVALID_IMAGE"], refusedVideo);
        Assert.Equal(avatar, channel["avatarUrl"]!.GetValue<string>());
        Assert.Equal(banner, channel["bannerUrl"]!.GetValue<string>());
        Assert.Equal((256, 256), await FetchSizeAsync(owner, avatar));
        Assert.Equal((2048, 512), await FetchSizeAsync(owner, banner));
        Assert.Empty(Directory.GetFiles(Path.Combine(_app.DataDirectory, "uploads", "images")));
        Assert.Equal(
            2,
            Directory.GetFiles(Path.Combine(_app.DataDirectory, "channels", owner.UserId.ToString("N"))).Length
        );

        var replaced = await SetImageAsync(owner, "AVATAR", png);
        Assert.NotEqual(avatar, replaced);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await owner.Client.Http.GetAsync(new Uri(avatar).PathAndQuery)).StatusCode
        );
        var removed = await owner.MutateAsync(
            "removeChannelImage",
            "mutation { removeChannelImage(input: { kind: AVATAR }) { channel { avatarUrl } errors { code } } }"
        );
        Assert.Null(removed["channel"]!["avatarUrl"]);
        Assert.Single(Directory.GetFiles(Path.Combine(_app.DataDirectory, "channels", owner.UserId.ToString("N"))));
    }

    [Fact]
    public async Task Upload_urls_are_signed_sized_and_the_owners_alone()
    {
        var owner = await Person.SignUpAsync(_app, "signedimg");
        var upload = (
            await owner.MutateAsync(
                "createChannelImageUpload",
                "mutation { createChannelImageUpload(input: { kind: AVATAR, sizeBytes: 10 }) { upload { url token } "
                    + "errors { "
                    + "code } } }"
            )
        )["upload"]!;
        var url = new Uri(upload["url"]!.GetValue<string>()).PathAndQuery;
        var tooLarge = await owner.SendAsync(
            "mutation { createChannelImageUpload(input: { kind: AVATAR, sizeBytes: 20000000 }) { upload { url } "
                + "errors { "
                + "code } } }"
        );
        var anonymous = await _app.CreateGraphQLClient()
            .SendAsync(
                "mutation { createChannelImageUpload(input: { kind: AVATAR, sizeBytes: 10 }) { upload { url } errors "
                    + "{ code } } }"
            );

        using var wrongSize = await owner.Client.Http.PutAsync(url, new ByteArrayContent(new byte[11]));
        using var forged = await owner.Client.Http.PutAsync(
            url.Replace("sig=", "sig=0", StringComparison.Ordinal),
            new ByteArrayContent(new byte[10])
        );
        var otherUser = await Person.SignUpAsync(_app, "thief");
        var stolen = await otherUser.SendAsync(
            "mutation($t: String!) { completeChannelImageUpload(input: { kind: AVATAR, token: $t }) { errors { code "
                + "} } }",
            new { t = upload["token"]!.GetValue<string>() }
        );

        Assert.Equal(["IMAGE_TOO_LARGE"], tooLarge.PayloadErrorCodes("createChannelImageUpload"));
        Assert.Equal(["NOT_AUTHENTICATED"], anonymous.MutationErrorCodes);
        Assert.Equal(HttpStatusCode.BadRequest, wrongSize.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(["INVALID_IMAGE"], stolen.PayloadErrorCodes("completeChannelImageUpload"));
    }

    /// <summary>Uploads a file as the person's avatar or banner; returns its URL, or the error codes.</summary>
    public static async Task<string> SetImageAsync(Person person, string kind, string file) =>
        (await SetImageAsync(person, kind, file, expectOk: true))[0];

    private static async Task<List<string>> SetImageAsync(Person person, string kind, string file, bool expectOk)
    {
        var bytes = await File.ReadAllBytesAsync(file);
        var upload = (
            await person.MutateAsync(
                "createChannelImageUpload",
                $"mutation($n: Long!) {{ createChannelImageUpload(input: {{ kind: {kind}, sizeBytes: $n }}) {{ "
                    + $"upload {{ url "
                    + "token } errors { code } } }",
                new { n = bytes.Length }
            )
        )["upload"]!;
        using var put = await person.Client.Http.PutAsync(
            new Uri(upload["url"]!.GetValue<string>()).PathAndQuery,
            new ByteArrayContent(bytes)
        );
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var completed = (
            await person.SendAsync(
                $"mutation($t: String!) {{ completeChannelImageUpload(input: {{ kind: {kind}, token: $t }}) {{ "
                    + $"channel {{ "
                    + "avatarUrl bannerUrl } errors { code } } }",
                new { t = upload["token"]!.GetValue<string>() }
            )
        ).Ok()["completeChannelImageUpload"]!;
        var errors = completed["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).ToList();
        if (!expectOk)
        {
            return errors;
        }

        Assert.Empty(errors);
        return [completed["channel"]![kind == "AVATAR" ? "avatarUrl" : "bannerUrl"]!.GetValue<string>()];
    }

    private static async Task<(int, int)> FetchSizeAsync(Person person, string url)
    {
        using var response = await person.Client.Http.GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
            var probe = TestMedia.Probe(path);
            var stream = probe["streams"]![0]!;
            return (stream["width"]!.GetValue<int>(), stream["height"]!.GetValue<int>());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
