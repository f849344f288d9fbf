using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Videos;
using StreamEngine.Infrastructure.Persistence;
using StreamEngine.Infrastructure.Webhooks;

namespace StreamEngine.Infrastructure.Imports;

/// <summary>Fetches imported videos' files: leases a waiting import (so instances share the work and a crashed
/// worker's import is taken over when its lease ends), downloads the URL through the same guarded client as webhooks
/// (public addresses only, checked at connect time; redirects not followed; at most the upload size limit; a time
/// limit), stores the file as the video's source and hands over to <see cref="AcceptImportedSource"/>.</summary>
public sealed partial class VideoImportWorker : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private readonly IServiceScopeFactory _scopes;
    private readonly IClock _clock;
    private readonly IOptions<VideoOptions> _videos;
    private readonly ILogger<VideoImportWorker> _logger;
    private readonly HttpClient _http;

    public VideoImportWorker(
        IServiceScopeFactory scopes,
        IClock clock,
        IOptions<VideoOptions> videos,
        IOptions<WebhookOptions> targets,
        ILogger<VideoImportWorker> logger
    )
    {
        ArgumentNullException.ThrowIfNull(targets);
        _scopes = scopes;
        _clock = clock;
        _videos = videos;
        _logger = logger;
        _http = new HttpClient(GuardedConnect.Handler(targets.Value.AllowPrivateAddresses))
        {
            Timeout = TimeSpan.FromMinutes(10),
        };
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await ImportNextAsync(stoppingToken)) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or IOException)
            {
                LogPassFailed(_logger, ex);
            }

            await Task.Delay(Poll, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Imports one waiting video; false when none is waiting.</summary>
    internal async Task<bool> ImportNextAsync(CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = _clock.UtcNow;
        var next = await db
            .VideoImports.AsNoTracking()
            .Where(i => i.LeasedUntil == null || i.LeasedUntil < now)
            .OrderBy(i => i.CreatedAt)
            .FirstOrDefaultAsync(ct);
        if (next is null)
        {
            return false;
        }

        var leasedUntil = now + Lease;
        var claimed = await db
            .VideoImports.Where(i => i.VideoId == next.VideoId && i.LeasedUntil == next.LeasedUntil)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.LeasedUntil, leasedUntil), ct);
        if (claimed == 0)
        {
            return true;
        }

        var file = Path.GetTempFileName();
        string? failure;
        try
        {
            failure = await DownloadAsync(new Uri(next.Url), file, ct);
            if (failure is null)
            {
                await scope
                    .ServiceProvider.GetRequiredService<IObjectStorage>()
                    .StoreSourceAsync(next.VideoId, file, ct);
            }
        }
        finally
        {
            File.Delete(file);
        }

        await scope.ServiceProvider.GetRequiredService<AcceptImportedSource>().Handle(new(next.VideoId, failure), ct);
        await db.VideoImports.Where(i => i.VideoId == next.VideoId).ExecuteDeleteAsync(ct);
        return true;
    }

    /// <summary>Null when the file is in <paramref name="file"/>, else why not (shown to the owner as the video's
    /// failure reason).</summary>
    private async Task<string?> DownloadAsync(Uri url, string file, CancellationToken ct)
    {
        var limit = _videos.Value.MaxUploadBytes;
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                return "The URL redirects; redirects are not followed (import the final URL).";
            }

            if (!response.IsSuccessStatusCode)
            {
                return $"The URL answered HTTP {(int)response.StatusCode} ({response.StatusCode}).";
            }

            if (response.Content.Headers.ContentLength > limit)
            {
                return $"The file is larger than the maximum of {limit} bytes.";
            }

            await using var body = await response.Content.ReadAsStreamAsync(ct);
            await using var target = File.Create(file);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    return $"The file is larger than the maximum of {limit} bytes.";
                }

                await target.WriteAsync(buffer.AsMemory(0, read), ct);
            }

            return total == 0 ? "The URL answered with an empty body." : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return $"The URL could not be fetched: {(ex.InnerException ?? ex).Message}";
        }
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An import pass failed; the next pass retries.")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
