using System.Globalization;
using System.Text.Json;

namespace StreamEngine.Transcoder;

/// <summary>Channel images: checks that an upload is one still picture in an image format (JPEG, PNG, WebP, GIF,
/// BMP) of sane size, then re-encodes it to a JPEG of exactly the given size (scaled to cover, centre-cropped). Only
/// the single-image demuxers are allowed, so an upload cannot make ffmpeg read anything else.</summary>
public sealed class ImageEncoder(FfmpegOptions options)
{
    public const int MaxSourceSide = 12_000;

    private static readonly string[] ImageDemuxers = ["jpeg_pipe", "png_pipe", "webp_pipe", "gif", "bmp_pipe"];

    public async Task EncodeAsync(string input, string output, int width, int height, CancellationToken ct)
    {
        var probe = await ProcessRunner.RunAsync(
            options.FfprobePath,
            [
                "-v",
                "error",
                "-protocol_whitelist",
                "file",
                "-format_whitelist",
                string.Join(',', ImageDemuxers),
                "-show_streams",
                "-show_format",
                "-print_format",
                "json",
                InputGuards.FileUrl(input),
            ],
            options.ProbeTimeout,
            null,
            ct
        );
        if (probe.TimedOut || probe.ExitCode != 0)
        {
            throw new MediaRejectedException("The file is not an image we can read (JPEG, PNG, WebP, GIF or BMP).");
        }

        using (var document = JsonDocument.Parse(probe.StandardOutput))
        {
            var streams = document.RootElement.TryGetProperty("streams", out var s) ? s.EnumerateArray().ToList() : [];
            if (
                streams.Count != 1
                || streams[0].GetProperty("codec_type").GetString() != "video"
                || !streams[0].TryGetProperty("width", out var w)
                || !streams[0].TryGetProperty("height", out var h)
                || w.GetInt32() is < 1 or > MaxSourceSide
                || h.GetInt32() is < 1 or > MaxSourceSide
            )
            {
                throw new MediaRejectedException(
                    $"The image must be one picture of at most {MaxSourceSide} pixels a side."
                );
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        var size = string.Create(CultureInfo.InvariantCulture, $"{width}:{height}");
        var encode = await ProcessRunner.RunAsync(
            options.FfmpegPath,
            [
                "-v",
                "error",
                "-nostdin",
                "-y",
                "-protocol_whitelist",
                "file",
                "-format_whitelist",
                string.Join(',', ImageDemuxers),
                "-i",
                InputGuards.FileUrl(input),
                "-frames:v",
                "1",
                "-vf",
                $"scale={size}:force_original_aspect_ratio=increase,crop={size},format=yuvj420p",
                "-q:v",
                "3",
                "-f",
                "image2",
                "-c:v",
                "mjpeg",
                InputGuards.FileUrl(output),
            ],
            TimeSpan.FromMinutes(1),
            null,
            ct
        );
        if (encode.TimedOut || encode.ExitCode != 0)
        {
            File.Delete(output);
            throw new MediaRejectedException("The image could not be decoded.");
        }
    }
}
