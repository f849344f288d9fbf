using StreamEngine.Application.Live;
using StreamEngine.Domain.Live;
using StreamEngine.Fakes;

namespace StreamEngine.Application.Tests.Live;

/// <summary>A world with live streaming on (two streams per instance, a minute to return).</summary>
public abstract class LiveTestBase : IDisposable
{
    protected UseCaseWorld World { get; } =
        new(
            new Dictionary<string, string?>
            {
                ["StreamEngine:Live:Enabled"] = "true",
                ["StreamEngine:Live:MaxActivePerInstance"] = "2",
                ["StreamEngine:Live:ReconnectWindow"] = "00:01:00",
            }
        );

    public void Dispose()
    {
        World.Dispose();
        GC.SuppressFinalize(this);
    }

    protected async Task<LiveStream> CreateAsync(bool record = false, string title = "On air") =>
        (await World.Get<CreateLiveStream>().Handle(new(title, null, null, record), default)).Value!;
}
