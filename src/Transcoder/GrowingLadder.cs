namespace StreamEngine.Transcoder;

/// <summary>An encode that viewers may watch while it runs. ffmpeg writes each rendition's playlist as an
/// <c>EVENT</c> playlist (segments only appended) and every segment and playlist under a temporary name that it renames
/// when complete, so a reader never gets a file still being written. As soon as every rendition (and the shared audio)
/// has its first segment, a provisional master playlist is written, with each variant's nominal bit rates and the
/// codecs read from its first segment, and the caller is told; when the encode ends the playlists become <c>VOD</c>
/// and the master is written again from the measured segments.</summary>
internal static class GrowingLadder
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private const int ReadBackAttempts = 5;

    public static async Task EncodeAsync(
        FfmpegOptions options,
        string sourcePath,
        ProbeResult probe,
        EncodeJob job,
        string folder,
        IProgress<TranscodeProgress>? progress,
        Func<CancellationToken, Task> whenPlayable,
        CancellationToken ct
    )
    {
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watch = WatchAsync(options, probe, job, folder, whenPlayable, watching.Token, ct);
        try
        {
            await new HlsLadderEncoder(options).EncodeAsync(sourcePath, probe, job, folder, progress, ct);
        }
        finally
        {
            await watching.CancelAsync();
            await watch;
        }
    }

    /// <summary>Turns the finished EVENT playlists into VOD ones (ffmpeg has already ended each with
    /// <c>#EXT-X-ENDLIST</c>), each replaced in one rename.</summary>
    public static async Task FinishAsync(string folder, EncodeJob job, CancellationToken ct)
    {
        foreach (var name in Renditions(job))
        {
            var playlist = Path.Combine(folder, name, "index.m3u8");
            var text = await File.ReadAllTextAsync(playlist, ct);
            await HlsPackage.ReplaceAsync(
                playlist,
                text.Replace("#EXT-X-PLAYLIST-TYPE:EVENT", "#EXT-X-PLAYLIST-TYPE:VOD", StringComparison.Ordinal),
                ct
            );
        }
    }

    private static async Task WatchAsync(
        FfmpegOptions options,
        ProbeResult probe,
        EncodeJob job,
        string folder,
        Func<CancellationToken, Task> whenPlayable,
        CancellationToken watching,
        CancellationToken ct
    )
    {
        var renditions = Renditions(job).ToList();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                while (!renditions.All(name => HasSegment(Path.Combine(folder, name, "index.m3u8"))))
                {
                    await Task.Delay(PollInterval, watching);
                }

                await WriteProvisionalMasterAsync(options, probe, job, folder, watching);
            }
            catch (OperationCanceledException) when (watching.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is TranscodeFailedException or IOException && attempt < ReadBackAttempts)
            {
                // A first segment read back while the machine is busy can fail; the encode goes on, so try again.
                await Task.Delay(PollInterval * 4, watching).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (watching.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }
            catch (Exception e) when (e is TranscodeFailedException or IOException)
            {
                // Playing early is a bonus: without it the video plays when it is READY.
                return;
            }

            // Once the master is out the video is playable: the report is made even if the encode ends meanwhile.
            await whenPlayable(ct);
            return;
        }
    }

    private static async Task WriteProvisionalMasterAsync(
        FfmpegOptions options,
        ProbeResult probe,
        EncodeJob job,
        string folder,
        CancellationToken ct
    )
    {
        // Each rendition's first segment is read back by its own ffprobe, all at once.
        var package = new HlsPackage(options);
        var videoCodecs = job.Video.Select(r => package.FirstSegmentCodecsAsync(Path.Combine(folder, r.Name), ct));
        var audioCodecs = job.Audio
            ? package.FirstSegmentCodecsAsync(Path.Combine(folder, RenditionLadder.AudioName), ct)
            : Task.FromResult(string.Empty);
        var codecs = await Task.WhenAll(videoCodecs.Append(audioCodecs));
        var video = job
            .Video.Select(
                (r, i) => Nominal(r.Name, r.Width, r.Height, r.VideoKbps, codecs[i], probe.TargetFrameRate.Value)
            )
            .ToList();
        var audio = job.Audio
            ? Nominal(RenditionLadder.AudioName, 0, 0, RenditionLadder.AudioKbps, codecs[^1], 0)
            : null;
        await HlsPackage.WriteMasterAsync(folder, video, audio, ct);
    }

    /// <summary>A variant as the ladder intends it (peak 7 % over the target, as the encoder's maxrate allows), for
    /// the master playlist until the measured one replaces it.</summary>
    private static RenditionOutput Nominal(string name, int width, int height, int kbps, string codecs, double fps) =>
        new(name, width, height, kbps * 1070L, kbps * 1000L, codecs, 0, fps);

    private static IEnumerable<string> Renditions(EncodeJob job) =>
        job.Video.Select(v => v.Name).Concat(job.Audio ? [RenditionLadder.AudioName] : []);

    private static bool HasSegment(string playlist)
    {
        try
        {
            return File.Exists(playlist) && HlsPackage.ReadSegments(playlist).Count > 0;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
