using StreamEngine.Domain.Live;

namespace StreamEngine.Infrastructure.Live;

/// <summary>Which streams hold an SRT port. The range is small (one UDP port and one listening ffmpeg per stream),
/// so it is shared out: a stream a broadcaster is on keeps its port whatever else happens, a stream that already has
/// one keeps it (an <c>srtUrl</c> once shown does not move), then the newest streams take what is free; and no
/// account holds more than <see cref="LiveIngestOptions.SrtPortsPerAccount"/>, so a few accounts with many idle
/// streams cannot take every port of an instance, nor push a broadcaster off the one it is using.</summary>
internal static class SrtAllotment
{
    public static IReadOnlyDictionary<Guid, int> Allot(
        IEnumerable<LiveStream> open,
        IReadOnlyDictionary<Guid, int> held,
        IReadOnlyList<int> ports,
        int perAccount
    )
    {
        var chosen = new List<LiveStream>();
        var perOwner = new Dictionary<Guid, int>();
        foreach (
            var stream in open.OrderBy(s => s.Status == LiveStreamStatus.Idle ? 1 : 0)
                .ThenBy(s => held.ContainsKey(s.Id) ? 0 : 1)
                .ThenByDescending(s => s.CreatedAt)
                .ThenByDescending(s => s.Id)
        )
        {
            if (chosen.Count == ports.Count)
            {
                break;
            }

            if (perOwner.GetValueOrDefault(stream.OwnerId) is var owned && owned < perAccount)
            {
                perOwner[stream.OwnerId] = owned + 1;
                chosen.Add(stream);
            }
        }

        var allotted = chosen.Where(s => held.ContainsKey(s.Id)).ToDictionary(s => s.Id, s => held[s.Id]);
        var free = new Queue<int>(ports.Where(p => !allotted.ContainsValue(p)));
        foreach (var stream in chosen.Where(s => !allotted.ContainsKey(s.Id)))
        {
            allotted[stream.Id] = free.Dequeue();
        }

        return allotted;
    }
}
