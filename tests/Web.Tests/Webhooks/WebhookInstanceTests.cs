using System.Text.Json.Nodes;
using StreamEngine.Domain.Videos;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Engagement;

namespace StreamEngine.Web.Tests.Webhooks;

/// <summary>Two instances on one PostgreSQL database, both dispatching: every event is fanned out once and every
/// delivery sent by one instance (the other finds it leased).</summary>
public sealed class WebhookInstanceTests
{
    [Fact]
    public async Task Two_dispatching_instances_send_each_event_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var database = await PostgresTestDatabase.CreateAsync();
        var settings = new Dictionary<string, string?>(WebhookScenario.Fast);
        foreach (var (key, value) in database.ServerSettings())
        {
            settings[key] = value;
        }

        await using var first = StreamEngineApp.With(settings);
        await using var second = StreamEngineApp.With(settings);
        _ = second.Services;
        var owner = await Person.SignUpAsync(first, "twice");
        await WebhookScenario.CreateEndpointAsync(owner, receiver.Url, "video.failed");

        var videos = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var video = await Seed.VideoAsync(
                i % 2 == 0 ? first : second,
                owner,
                $"V{i}",
                status: VideoStatus.Processing
            );
            await WebhookScenario.FailAsync(i % 2 == 0 ? second : first, video);
            videos.Add(video);
        }

        await receiver.WaitForAsync(10, TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(2));

        var ids = receiver.Received.Select(r => JsonNode.Parse(r.Body)!["data"]!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(10, ids.Count);
        Assert.Equal(videos.Order(), ids.Order());
    }
}
