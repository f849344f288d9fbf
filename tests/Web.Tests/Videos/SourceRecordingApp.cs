using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using StreamEngine.Application.Abstractions;
using StreamEngine.Infrastructure.Pipelines;
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
            // The adapter itself, behind the start outbox: recorded when the pipeline really starts.
            var original = services.Last(d =>
                d.ServiceType == typeof(ITranscodePipeline) && Equals(d.ServiceKey, PipelineStarts.Direct)
            );
            services.Remove(original);
            services.AddKeyedScoped<ITranscodePipeline>(
                PipelineStarts.Direct,
                (sp, key) =>
                    new Recording(
                        (ITranscodePipeline)original.KeyedImplementationFactory!(sp, key),
                        sp.GetRequiredService<LocalDiskStorage>(),
                        SourceHashes
                    )
            );
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
