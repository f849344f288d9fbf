using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Infrastructure.Pipelines;
using StreamEngine.Transcoder;

namespace StreamEngine.Infrastructure.Live;

/// <summary>A broadcast's recording: nginx writes one FLV per connection; they are joined, without a re-encode, into
/// one MP4 that becomes the source of the stream's video.</summary>
public sealed class LiveRecordingFiles(
    LiveFolders folders,
    IOptions<PipelineOptions> pipeline,
    ILogger<LiveRecordingFiles> logger
) : ILiveRecordings
{
    public async Task<string?> JoinAsync(Guid streamId, CancellationToken ct)
    {
        var parts = folders.RecordingsOf(streamId).Where(p => new FileInfo(p).Length > 0).ToList();
        if (parts.Count == 0)
        {
            return null;
        }

        var list = Path.Combine(folders.Joined, $"{streamId:N}.txt");
        var joined = Path.Combine(folders.Joined, $"{streamId:N}.mp4");
        await File.WriteAllLinesAsync(
            list,
            parts.Select(p => $"file '{p.Replace("'", "'\\''", StringComparison.Ordinal)}'"),
            ct
        );
        string[] arguments =
        [
            "-hide_banner",
            "-nostdin",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "concat",
            "-safe",
            "0",
            "-protocol_whitelist",
            "file",
            "-i",
            list,
            "-map",
            "0",
            "-c",
            "copy",
            "-movflags",
            "+faststart",
            joined,
        ];
        var result = await ProcessRunner.RunAsync(
            pipeline.Value.ToFfmpegOptions().FfmpegPath,
            arguments,
            TimeSpan.FromHours(1),
            null,
            ct
        );
        File.Delete(list);
        if (result.ExitCode != 0)
        {
            logger.LogError(
                "Could not join the recording of live stream {StreamId}: {Errors}",
                streamId,
                result.ErrorTail
            );
            File.Delete(joined);
            return null;
        }

        return joined;
    }

    public Task DeleteAsync(Guid streamId, CancellationToken ct)
    {
        foreach (var part in folders.RecordingsOf(streamId))
        {
            File.Delete(part);
        }

        var folder = folders.StreamOf(streamId);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        File.Delete(Path.Combine(folders.Joined, $"{streamId:N}.mp4"));
        return Task.CompletedTask;
    }
}
