using StreamEngine.Transcoder;
using StreamEngine.TranscoderTask;

// The transcoder as a program: streamengine-transcoder --input FILE --output DIR [--ffmpeg PATH] [--ffprobe PATH]   a
// local file to a folder streamengine-transcoder task                                                         the ECS
// task (see TaskEnvironment) Exits non-zero on any failure, with the reason on stderr.
var options = new FfmpegOptions();
if (args is ["task"])
{
    var (spec, problems) = TaskEnvironment.Read(Environment.GetEnvironmentVariable);
    if (spec is null)
    {
        Console.Error.WriteLine("The task environment is incomplete: " + string.Join("; ", problems));
        return 2;
    }

    options.ChunkSeconds = spec.ChunkSeconds;
    options.ChunkThreshold = TimeSpan.FromSeconds(spec.ChunkThresholdSeconds);
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.Cancel();
    };
    try
    {
        using var s3 = S3TaskClients.CreateClient(spec);
        using var status = S3TaskClients.CreateStatusClient(spec);
        await new S3TaskRunner(spec, options, s3, Console.Out, status).RunAsync(stop.Token);
        return 0;
    }
    catch (Exception ex) when (ex is not OutOfMemoryException)
    {
        Console.Error.WriteLine($"Task failed ({ex.GetType().Name}): {ex.Message}");
        return 1;
    }
}

string? input = null;
string? output = null;
for (var i = 0; i < args.Length - 1; i++)
{
    switch (args[i])
    {
        case "--input":
            input = args[++i];
            break;
        case "--output":
            output = args[++i];
            break;
        case "--ffmpeg":
            options.FfmpegPath = args[++i];
            break;
        case "--ffprobe":
            options.FfprobePath = args[++i];
            break;
        case "--preset":
            options.Preset = args[++i];
            break;
    }
}

if (input is null || output is null)
{
    Console.Error.WriteLine(
        "usage: streamengine-transcoder --input FILE --output DIR [--ffmpeg PATH] [--ffprobe PATH] [--preset NAME]"
    );
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
try
{
    var progress = new Progress<TranscodeProgress>(p => Console.WriteLine($"{p.Stage} {p.Percent:0.0}%"));
    var result = await new VideoTranscoder(options).TranscodeAsync(input, output, null, progress, cancel.Token);
    foreach (var rendition in result.Renditions)
    {
        Console.WriteLine(
            $"{rendition.Name} {rendition.Width}x{rendition.Height} peak={rendition.PeakBandwidth} "
                + $"avg={rendition.AverageBandwidth} {rendition.Codecs} segments={rendition.SegmentCount}"
        );
    }

    return 0;
}
catch (Exception ex) when (ex is MediaRejectedException or TranscodeFailedException or IOException)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}
