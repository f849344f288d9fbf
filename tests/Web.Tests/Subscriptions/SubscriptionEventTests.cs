using Microsoft.Extensions.DependencyInjection;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;
using StreamEngine.Web.Tests.Videos;

namespace StreamEngine.Web.Tests.Subscriptions;

/// <summary>Events that arrive together: each is resolved against the database (the video, its owner) on the
/// subscription's services, one after the other, so none fails for another's use of the same DbContext.</summary>
public sealed class SubscriptionEventTests
{
    [Fact]
    public async Task A_burst_of_events_is_delivered_whole_each_with_the_video_read_fresh()
    {
        // On PostgreSQL: its reads are truly asynchronous, so events resolved at once would overlap on one DbContext.
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var app = StreamEngineApp.With(database.ServerSettings());
        var client = app.CreateGraphQLClient();
        var owner = await client.SignUpAsync("burst");
        client.AccessToken = owner.AccessToken;
        var video = (await client.CreateUploadAsync("burst.mp4", 1000))["video"]!;
        var videoId = TestIds.Key(video["id"]!.GetValue<string>());
        var ownerId = TestIds.Key(video["owner"]!["id"]!.GetValue<string>());
        var handle = video["owner"]!["handle"]!.GetValue<string>();
        await using var socket = await RawSocket.ConnectAsync(app, "graphql-transport-ws");
        await socket.SendAsync(
            new { type = "connection_init", payload = new { Authorization = "Bearer " + owner.AccessToken } }
        );
        await socket.ReceiveTypeAsync("connection_ack");
        await socket.SendAsync(
            new
            {
                id = "1",
                type = "subscribe",
                payload = new
                {
                    query = "subscription { viewerVideoEvents { status progress { percent } video { id title owner "
                        + "{ handle channel { subscriberCount } } } } }",
                },
            }
        );
        await Task.Delay(300);

        const int Burst = 40;
        var bus = app.Services.GetRequiredService<IEventBus>();
        await Task.WhenAll(
            Enumerable
                .Range(0, Burst)
                .Select(i =>
                    Task.Run(() =>
                        bus.PublishAsync(
                            new VideoEvent(
                                videoId,
                                ownerId,
                                VideoStatus.Processing,
                                "ENCODING",
                                i,
                                null,
                                null,
                                DateTimeOffset.UtcNow
                            ),
                            default
                        )
                    )
                )
        );
        var received = new List<System.Text.Json.Nodes.JsonNode>();
        for (var i = 0; i < Burst; i++)
        {
            received.Add((await socket.ReceiveAsync())!);
        }

        Assert.All(
            received,
            m =>
            {
                Assert.True(m["type"]!.GetValue<string>() == "next", m.ToJsonString());
                Assert.True(m["payload"]!["errors"] is null, m.ToJsonString());
                Assert.Equal(
                    handle,
                    m["payload"]!["data"]!["viewerVideoEvents"]!["video"]!["owner"]!["handle"]!.GetValue<string>()
                );
            }
        );
    }
}
