using System.Buffers.Binary;
using System.Text;

namespace StreamEngine.Transcoder;

/// <summary>Moves fMP4 media segments along the timeline: a chunk encoded on its own starts at decode time 0, and
/// joined after earlier chunks its fragments must start where they end. Adds an offset to every <c>tfdt</c>
/// (baseMediaDecodeTime, in the track's timescale) and to the <c>sidx</c> earliest presentation time (in its own
/// timescale), in place; nothing else in the segment changes.</summary>
public static class Fmp4Timeline
{
    /// <summary>The media timescale of the first track of an initialisation segment (its <c>mdhd</c>).</summary>
    public static uint TrackTimescale(string initSegment)
    {
        var bytes = File.ReadAllBytes(initSegment);
        var at = Find(bytes, 0, bytes.Length, "moov", "trak", "mdia", "mdhd");
        if (at < 0)
        {
            throw new TranscodeFailedException("An encoded initialisation segment has no media header.", false);
        }

        // Full box: version, flags, then creation and modification times (4 or 8 bytes each) before the timescale.
        var body = at + 8;
        var times = bytes[body] == 1 ? 16 : 8;
        return BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(body + 4 + times, 4));
    }

    /// <summary>Shifts the segment by <paramref name="seconds"/>; <paramref name="trackTimescale"/> is the
    /// <c>tfdt</c> timescale (from <see cref="TrackTimescale"/>).</summary>
    public static void Shift(string segment, double seconds, uint trackTimescale)
    {
        var bytes = File.ReadAllBytes(segment);
        var box = 0;
        while (box + 8 <= bytes.Length)
        {
            var size = BoxSize(bytes, box);
            var type = bytes.AsSpan(box + 4, 4);
            if (type.SequenceEqual("sidx"u8))
            {
                var body = box + 8;
                var timescale = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(body + 8, 4));
                Add(bytes, body + 12, bytes[body] == 1, Ticks(seconds, timescale));
            }
            else if (type.SequenceEqual("moof"u8))
            {
                for (var child = box + 8; child + 8 <= box + size; child += BoxSize(bytes, child))
                {
                    var tfdt = bytes.AsSpan(child + 4, 4).SequenceEqual("traf"u8)
                        ? Find(bytes, child + 8, child + BoxSize(bytes, child), "tfdt")
                        : -1;
                    if (tfdt >= 0)
                    {
                        Add(bytes, tfdt + 12, bytes[tfdt + 8] == 1, Ticks(seconds, trackTimescale));
                    }
                }
            }

            box += size;
        }

        File.WriteAllBytes(segment, bytes);
    }

    private static ulong Ticks(double seconds, uint timescale) => (ulong)Math.Round(seconds * timescale);

    private static void Add(byte[] bytes, int at, bool wide, ulong ticks)
    {
        if (wide)
        {
            var value = BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(at, 8)) + ticks;
            BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(at, 8), value);
            return;
        }

        var narrow = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at, 4)) + ticks;
        if (narrow > uint.MaxValue)
        {
            throw new TranscodeFailedException("A chunk's timestamps do not fit its segment's time field.", false);
        }

        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at, 4), (uint)narrow);
    }

    private static int BoxSize(byte[] bytes, int at)
    {
        var size = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at, 4));
        return size >= 8 && at + size <= bytes.Length
            ? size
            : throw new TranscodeFailedException("An encoded segment is not a well-formed MP4 file.", false);
    }

    /// <summary>The offset of the box reached by the path of nested types, searched among the boxes in
    /// [<paramref name="start"/>, <paramref name="end"/>); -1 when there is none.</summary>
    private static int Find(byte[] bytes, int start, int end, params string[] path)
    {
        for (var at = start; at + 8 <= end; at += BoxSize(bytes, at))
        {
            if (Encoding.ASCII.GetString(bytes, at + 4, 4) == path[0])
            {
                return path.Length == 1 ? at : Find(bytes, at + 8, at + BoxSize(bytes, at), path[1..]);
            }
        }

        return -1;
    }
}
