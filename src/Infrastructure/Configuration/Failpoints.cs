using Microsoft.Extensions.Options;

namespace StreamEngine.Infrastructure.Configuration;

/// <summary>The <c>StreamEngine:Testing</c> section: used by the fault tests only, never in a deployment.</summary>
public sealed class TestingOptions
{
    public const string Section = "StreamEngine:Testing";

    /// <summary>The failpoint at which this process stops for ever (to be killed there), or null.</summary>
    public string? HoldAt { get; set; }

    /// <summary>A file written when <see cref="HoldAt"/> is reached, for the test to wait on.</summary>
    public string? HoldMarker { get; set; }
}

/// <summary>Named moments inside our own code at which a fault test holds the process so that it can <c>kill -9</c> it
/// exactly there (moments inside ffmpeg, ffprobe or PostgreSQL are held from outside, by the tool or by a lock). Unset,
/// a failpoint costs one comparison.</summary>
public sealed class Failpoints(IOptions<TestingOptions> options)
{
    /// <summary>Part of an upload's parts copied into the source, the rest not yet.</summary>
    public const string Assembly = "assembly";

    public async Task ReachAsync(string name, CancellationToken ct)
    {
        if (options.Value is not { HoldAt: { } holdAt, HoldMarker: { } marker } || holdAt != name)
        {
            return;
        }

        await File.WriteAllTextAsync(marker, name, ct);
        await Task.Delay(Timeout.Infinite, ct);
    }
}
