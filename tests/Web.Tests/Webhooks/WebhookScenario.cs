using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StreamEngine.Application.Abstractions;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Engagement;

namespace StreamEngine.Web.Tests.Webhooks;

/// <summary>What the webhook tests share: fast retries on loopback, making an endpoint, failing a video.</summary>
internal static class WebhookScenario
{
    public const string Create =
        "mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { endpoint { id url events "
        + "secret } errors { code field } } }";

    public static readonly Dictionary<string, string?> Fast = new()
    {
        ["StreamEngine:Webhooks:AllowPrivateAddresses"] = "true",
        ["StreamEngine:Webhooks:FirstRetryDelay"] = "00:00:00.100",
        ["StreamEngine:Webhooks:PollInterval"] = "00:00:00.100",
    };

    public static Dictionary<string, string?> WithDispatcher(Dictionary<string, string?> settings, bool enabled) =>
        new(settings) { ["StreamEngine:Webhooks:Enabled"] = enabled ? "true" : "false" };

    public static async Task<JsonNode> CreateEndpointAsync(Person owner, Uri url, string events) =>
        (
            await owner.MutateAsync(
                "createWebhookEndpoint",
                Create,
                new { i = new { url = url.ToString(), events = new[] { events } } }
            )
        )["endpoint"]!;

    public static async Task FailAsync(StreamEngineApp app, string videoId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var videos = scope.ServiceProvider.GetRequiredService<IVideoStore>();
        var video = (await videos.FindVideoAsync(TestIds.Key(videoId), default))!;
        video.MarkFailed("The test failed it.", DateTimeOffset.UtcNow);
        await videos.SaveChangesAsync(default);
    }

    /// <summary>Makes a PROCESSING video READY the way the pipeline does (a saved status change).</summary>
    public static async Task ReadyAsync(StreamEngineApp app, string videoId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var videos = scope.ServiceProvider.GetRequiredService<IVideoStore>();
        var video = (await videos.FindVideoAsync(TestIds.Key(videoId), default))!;
        video.MarkReady(
            [new Domain.Videos.Rendition("720p", 1280, 720, 3_000_000, 2_800_000, "avc1.64001f,mp4a.40.2")],
            10,
            1280,
            720,
            DateTimeOffset.UtcNow
        );
        await videos.SaveChangesAsync(default);
    }
}
