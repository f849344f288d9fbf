using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using StreamEngine.Application.Abstractions;
using StreamEngine.Infrastructure.Storage;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests.Videos;

/// <summary>An app on local storage that records the SHA-256 of every source the moment its pipeline starts (the
/// source is removed once the video is READY), so a test can prove the stored bytes are the uploaded ones.</summary>
public class SourceRecordingApp(IDictionary<string, string?> settings, bool kestrel = false)
    : StreamEngineApp(settings, kestrel)
{
    public ConcurrentDictionary<Guid, string> SourceHashes { get; } = new();

    public static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            var original = services.Last(d => d.ServiceType == typeof(ITranscodePipeline));
            services.Remove(original);
            services.AddScoped<ITranscodePipeline>(sp => new Recording(
                (ITranscodePipeline)original.ImplementationFactory!(sp),
                sp.GetRequiredService<LocalDiskStorage>(),
                SourceHashes
            ));
        });
    }

    private sealed class Recording(
        ITranscodePipeline inner,
        LocalDiskStorage disk,
        ConcurrentDictionary<Guid, string> hashes
    ) : ITranscodePipeline
    {
        public Task StartAsync(Guid videoId, CancellationToken ct)
        {
            hashes[videoId] = Sha256(disk.SourceOf(videoId));
            return inner.StartAsync(videoId, ct);
        }

        public Task CancelAsync(Guid videoId, CancellationToken ct) => inner.CancelAsync(videoId, ct);

        public Task DeleteOutputsAsync(Guid videoId, CancellationToken ct) => inner.DeleteOutputsAsync(videoId, ct);
    }
}
