using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StreamEngine.Domain.Videos;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Engagement;

namespace StreamEngine.Web.Tests.Webhooks;

/// <summary>Outbound webhooks through the public API against a real receiver on loopback: signed, retried with the
/// same event id, logged, written to the outbox with the change so a restart loses nothing, and never sent to private
/// addresses unless the development setting allows it.</summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;
    private readonly TempDirectory _files = new();

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        _files.Dispose();
    }

    [Fact]
    public async Task A_failing_receiver_gets_the_same_signed_event_until_it_accepts_and_the_log_shows_each_attempt()
    {
        await using var app = StreamEngineApp.With(WebhookScenario.Fast);
        var owner = await Person.SignUpAsync(app, "hooks");
        var endpoint = await WebhookScenario.CreateEndpointAsync(owner, _receiver.Url, "video.failed");
        _receiver.FailFirst = 3;

        var video = await Seed.VideoAsync(app, owner, "Hooked", status: VideoStatus.Processing);
        await WebhookScenario.FailAsync(app, video);
        await _receiver.WaitForAsync(4, TimeSpan.FromSeconds(30));

        var received = _receiver.Received.ToList();
        Assert.Equal([500, 500, 500, 204], received.Select(r => r.Answer));
        Assert.Single(received.Select(r => r.Body).Distinct());
        var body = JsonNode.Parse(received[0].Body)!;
        Assert.Equal("video.failed", body["type"]!.GetValue<string>());
        Assert.Equal(video, body["data"]!["id"]!.GetValue<string>());
        Assert.Equal("FAILED", body["data"]!["status"]!.GetValue<string>());
        Assert.All(received, r => Assert.Equal(body["id"]!.GetValue<string>(), r.EventId));
        var secret = endpoint["secret"]!.GetValue<string>();
        Assert.Equal("valid", await VerifyAsync(secret, received[^1].Signature, received[^1].Body));
        Assert.Equal("invalid", await VerifyAsync(secret, received[^1].Signature, received[^1].Body + " "));
        Assert.Equal("invalid", await VerifyAsync("whsec_forged", received[^1].Signature, received[^1].Body));

        var log = await DeliveryLogAsync(owner, "DELIVERED");
        Assert.Equal(4, log["attempts"]!.GetValue<int>());
        Assert.Equal(204, log["lastResponseCode"]!.GetValue<int>());
        Assert.Equal(body["id"]!.GetValue<string>(), log["eventId"]!.GetValue<string>());
        Assert.Null(
            (await owner.SendAsync("{ viewer { webhookEndpoints { secret } } }")).Ok()["viewer"]!["webhookEndpoints"]![
                0
            ]!["secret"]
        );
    }

    [Fact]
    public async Task An_event_committed_by_an_instance_that_stops_before_sending_is_delivered_by_the_next()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var settings = new Dictionary<string, string?>(WebhookScenario.Fast);
        foreach (var (key, value) in database.ServerSettings())
        {
            settings[key] = value;
        }

        string video;
        await using (var first = StreamEngineApp.With(WebhookScenario.WithDispatcher(settings, enabled: false)))
        {
            var owner = await Person.SignUpAsync(first, "outbox");
            await WebhookScenario.CreateEndpointAsync(owner, _receiver.Url, "video.ready");
            video = await Seed.VideoAsync(first, owner, "Committed", status: VideoStatus.Processing);
            await WebhookScenario.ReadyAsync(first, video);
            await Task.Delay(500);
        }

        Assert.Empty(_receiver.Received);
        await using var second = StreamEngineApp.With(WebhookScenario.WithDispatcher(settings, enabled: true));
        _ = second.Services;
        await _receiver.WaitForAsync(1, TimeSpan.FromSeconds(30));

        var body = JsonNode.Parse(_receiver.Received.Single().Body)!;
        Assert.Equal(
            ("video.ready", video),
            (body["type"]!.GetValue<string>(), body["data"]!["id"]!.GetValue<string>())
        );
    }

    [Fact]
    public async Task A_slow_endpoint_delays_only_itself()
    {
        await using var slow = await WebhookReceiver.StartAsync();
        slow.Delay = TimeSpan.FromSeconds(20);
        await using var app = StreamEngineApp.With(
            new Dictionary<string, string?>(WebhookScenario.Fast) { ["StreamEngine:Webhooks:Timeout"] = "00:00:30" }
        );
        var owner = await Person.SignUpAsync(app, "slow");
        await WebhookScenario.CreateEndpointAsync(owner, slow.Url, "video.failed");
        await WebhookScenario.CreateEndpointAsync(owner, _receiver.Url, "video.failed");

        foreach (var title in new[] { "One", "Two", "Three", "Four" })
        {
            await WebhookScenario.FailAsync(
                app,
                await Seed.VideoAsync(app, owner, title, status: VideoStatus.Processing)
            );
        }

        await _receiver.WaitForAsync(4, TimeSpan.FromSeconds(15));
        Assert.Empty(slow.Received);
    }

    [Fact]
    public async Task Private_loopback_and_metadata_targets_are_refused_unless_the_development_setting_allows_them()
    {
        await using var app = StreamEngineApp.With(new Dictionary<string, string?>());
        var owner = await Person.SignUpAsync(app, "ssrf");

        foreach (
            var url in new[]
            {
                _receiver.Url.ToString(),
                "https://127.0.0.1/hooks",
                "https://169.254.169.254/latest",
                "https://[::1]/x",
                "https://10.0.0.8/x",
            }
        )
        {
            var response = await owner.SendAsync(
                WebhookScenario.Create,
                new { i = new { url, events = new[] { "video.ready" } } }
            );
            Assert.Equal(["WEBHOOK_URL_NOT_ALLOWED"], response.PayloadErrorCodes("createWebhookEndpoint"));
        }

        var plainHttp = await owner.SendAsync(
            WebhookScenario.Create,
            new { i = new { url = "http://93.184.216.34/hooks", events = new[] { "video.ready" } } }
        );
        var unknownEvent = await owner.SendAsync(
            WebhookScenario.Create,
            new { i = new { url = "https://93.184.216.34/hooks", events = new[] { "video.liked" } } }
        );
        Assert.Equal(["WEBHOOK_URL_NOT_ALLOWED"], plainHttp.PayloadErrorCodes("createWebhookEndpoint"));
        Assert.Equal(["INVALID_WEBHOOK_EVENTS"], unknownEvent.PayloadErrorCodes("createWebhookEndpoint"));
        Assert.Empty(
            (await owner.SendAsync("{ viewer { webhookEndpoints { id } } }")).Ok()["viewer"]![
                "webhookEndpoints"
            ]!.AsArray()
        );
    }

    private static async Task<JsonNode> DeliveryLogAsync(Person owner, string status)
    {
        const string query =
            "{ viewer { webhookEndpoints { deliveries { nodes { status attempts lastResponseCode eventId } } } } }";
        for (var i = 0; i < 100; i++)
        {
            var delivery = (await owner.SendAsync(query)).Ok()["viewer"]!["webhookEndpoints"]![0]!["deliveries"]![
                "nodes"
            ]![0];
            if (delivery?["status"]?.GetValue<string>() == status)
            {
                return delivery;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The delivery never became {status}.");
    }

    private async Task<string> VerifyAsync(string secret, string header, string body)
    {
        var file = Path.Combine(_files.Path, Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, body);
        var (exitCode, output) = await NodePeer.RunAsync(
            "webhook-verify.mjs",
            [secret, header, file],
            TimeSpan.FromSeconds(30)
        );
        Assert.True(exitCode == 0, output);
        return output.Trim();
    }
}
