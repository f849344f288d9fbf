using StreamEngine.Domain.Live;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Live;

namespace StreamEngine.Infrastructure.Tests;

/// <summary>How the SRT port range is shared out among open streams.</summary>
public sealed class SrtAllotmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly int[] Ports = [10080, 10081, 10082, 10083];

    private static LiveStream Stream(Guid owner, int minutesAgo) =>
        LiveStream.Create(
            owner,
            "s",
            null,
            Visibility.Public,
            false,
            "live_" + Guid.NewGuid().ToString("N"),
            Now.AddMinutes(-minutesAgo)
        );

    [Fact]
    public void No_account_holds_more_than_its_share_and_the_others_get_the_rest()
    {
        var (hog, other) = (Guid.NewGuid(), Guid.NewGuid());
        var hogs = Enumerable.Range(0, 10).Select(i => Stream(hog, i)).ToList();
        var others = new[] { Stream(other, 30), Stream(other, 31), Stream(other, 32) };

        var allotted = SrtAllotment.Allot([.. hogs, .. others], new Dictionary<Guid, int>(), Ports, perAccount: 2);

        Assert.Equal(4, allotted.Count);
        Assert.Equal([hogs[0].Id, hogs[1].Id], hogs.Where(s => allotted.ContainsKey(s.Id)).Select(s => s.Id));
        Assert.Equal(2, others.Count(s => allotted.ContainsKey(s.Id)));
        Assert.Equal(Ports.Order(), allotted.Values.Order()); // each port once
    }

    [Fact]
    public void A_stream_being_broadcast_keeps_its_port_when_newer_streams_arrive()
    {
        var onAir = Stream(Guid.NewGuid(), 60);
        onAir.BeginPublish(Now);
        var held = new Dictionary<Guid, int> { [onAir.Id] = 10083 };
        var newer = Enumerable.Range(0, 8).Select(i => Stream(Guid.NewGuid(), i)).ToList();

        var allotted = SrtAllotment.Allot([.. newer, onAir], held, Ports, perAccount: 2);

        Assert.Equal(10083, allotted[onAir.Id]);
        Assert.Equal(4, allotted.Count);
    }

    [Fact]
    public void A_stream_that_has_a_port_keeps_it_and_a_full_range_turns_newcomers_away()
    {
        var old = Enumerable.Range(0, 4).Select(i => Stream(Guid.NewGuid(), 10 + i)).ToList();
        var held = old.Select((s, i) => (s.Id, Port: Ports[i])).ToDictionary(p => p.Id, p => p.Port);
        var newcomer = Stream(Guid.NewGuid(), 0);

        var allotted = SrtAllotment.Allot([newcomer, .. old], held, Ports, perAccount: 2);

        Assert.False(allotted.ContainsKey(newcomer.Id));
        Assert.All(old, s => Assert.Equal(held[s.Id], allotted[s.Id]));

        // One ends: the newcomer takes its port.
        var allottedAfter = SrtAllotment.Allot([newcomer, .. old.Skip(1)], held, Ports, perAccount: 2);
        Assert.Equal(held[old[0].Id], allottedAfter[newcomer.Id]);
    }
}
