namespace StreamEngine.Transcoder;

/// <summary>What a playlist being read while the encode runs needs: whole-file replacement and codecs known before
/// the rendition is complete.</summary>
public sealed partial class HlsPackage
{
    /// <summary>Writes <paramref name="text"/> under a temporary name and renames it over <paramref name="path"/>, so
    /// a reader gets the old file or the new one, never a part.</summary>
    public static async Task ReplaceAsync(string path, string text, CancellationToken ct)
    {
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, text, ct);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The codecs of a rendition read from its first segment (after its initialisation segment, for fMP4),
    /// while the rest is still being encoded.</summary>
    public async Task<string> FirstSegmentCodecsAsync(string folder, CancellationToken ct)
    {
        var first = Path.Combine(folder, ReadSegments(Path.Combine(folder, "index.m3u8"))[0].Uri);
        var init = Path.Combine(folder, InitSegment);
        if (!File.Exists(init))
        {
            return await CodecsOfAsync(first, ct);
        }

        // An fMP4 fragment alone has no stream headers: probe the two joined, as a player reads them.
        var joined = Path.Combine(Path.GetTempPath(), $"streamengine-codecs-{Guid.NewGuid():N}.mp4");
        try
        {
            await using (var output = File.Create(joined))
            {
                foreach (var part in (string[])[init, first])
                {
                    await using var input = File.OpenRead(part);
                    await input.CopyToAsync(output, ct);
                }
            }

            return await CodecsOfAsync(joined, ct);
        }
        finally
        {
            File.Delete(joined);
        }
    }
}
