using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StreamEngine.Infrastructure.Configuration;
using StreamEngine.Infrastructure.Pipelines;
using StreamEngine.Infrastructure.Storage;
using StreamEngine.TestSupport;

namespace StreamEngine.Infrastructure.Tests;

public sealed class ChannelImageStorageTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public void Abandoned_image_uploads_are_removed_and_fresh_ones_kept()
    {
        var data = new DataDirectory(_data.Path);
        var images = new LocalChannelImages(
            data,
            new UrlSignature(data),
            new FixedUrls(),
            Options.Create(new PipelineOptions()),
            NullLogger<LocalChannelImages>.Instance
        );
        var folder = Path.Combine(_data.Path, "uploads", "images");
        Directory.CreateDirectory(folder);
        var old = Path.Combine(folder, "old");
        var fresh = Path.Combine(folder, "fresh");
        File.WriteAllText(old, "x");
        File.WriteAllText(fresh, "x");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-3));

        var removed = images.PruneAbandonedUploads(DateTimeOffset.UtcNow);

        Assert.Equal(1, removed);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(fresh));
    }

    [Fact]
    public void Only_plain_jpeg_names_inside_the_users_folder_resolve()
    {
        var data = new DataDirectory(_data.Path);
        var images = new LocalChannelImages(
            data,
            new UrlSignature(data),
            new FixedUrls(),
            Options.Create(new PipelineOptions()),
            NullLogger<LocalChannelImages>.Instance
        );
        var user = Guid.NewGuid();
        var folder = Path.Combine(_data.Path, "channels", user.ToString("N"));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "avatar-1.jpg"), "x");
        File.WriteAllText(Path.Combine(_data.Path, "secret.jpg"), "x");

        Assert.NotNull(images.Resolve(user, "avatar-1.jpg"));
        Assert.Null(images.Resolve(user, "../../secret.jpg"));
        Assert.Null(images.Resolve(user, "avatar-1.png"));
        Assert.Null(images.Resolve(user, "missing.jpg"));
    }

    public void Dispose() => _data.Dispose();

    private sealed class FixedUrls : IPublicUrls
    {
        public Uri BaseUrl { get; } = new("http://127.0.0.1:5000");
    }
}
