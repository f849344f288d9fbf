using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Webhooks;
using StreamEngine.Domain.Webhooks;
using StreamEngine.Fakes;

namespace StreamEngine.Application.Tests.Webhooks;

/// <summary>A signed-in owner, and helpers to make an endpoint and a delivery.</summary>
public abstract class WebhookTestBase : IDisposable
{
    protected WebhookTestBase()
    {
        Owner = World.SignIn().Id;
    }

    protected UseCaseWorld World { get; } = new();

    protected Guid Owner { get; }

    protected async Task<WebhookEndpoint> EndpointAsync(string url = "https://hooks.example.com/in") =>
        (
            await World
                .Get<CreateWebhookEndpoint>()
                .Handle(new(url, [WebhookEvents.VideoReady, WebhookEvents.VideoFailed]), default)
        ).Value!;

    protected WebhookDelivery Delivery(WebhookEndpoint endpoint)
    {
        var delivery = WebhookDelivery.For(
            endpoint,
            Guid.NewGuid(),
            WebhookEvents.VideoReady,
            "{}",
            World.Clock.UtcNow
        );
        World.Webhooks.Deliveries.Add(delivery);
        return delivery;
    }

    protected void ActAsStranger() => World.SignIn("bob_films");

    public void Dispose()
    {
        World.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class CreateWebhookEndpointTests : WebhookTestBase
{
    [Fact]
    public async Task An_endpoint_gets_a_fresh_secret_and_bad_urls_or_events_change_nothing()
    {
        var create = World.Get<CreateWebhookEndpoint>();

        var first = await EndpointAsync();
        var second = await EndpointAsync();
        var privateTarget = await create.Handle(new("https://127.0.0.1/in", [WebhookEvents.VideoReady]), default);
        var notHttp = await create.Handle(new("ftp://hooks.example.com/in", [WebhookEvents.VideoReady]), default);
        var withUser = await create.Handle(new("https://a:b@hooks.example.com/", [WebhookEvents.VideoReady]), default);
        var unknownEvent = await create.Handle(new("https://hooks.example.com/in", ["video.liked"]), default);
        var noEvents = await create.Handle(new("https://hooks.example.com/in", []), default);

        Assert.StartsWith("whsec_", first.Secret, StringComparison.Ordinal);
        Assert.NotEqual(first.Secret, second.Secret);
        Assert.Equal([WebhookEvents.VideoFailed, WebhookEvents.VideoReady], first.EventTypes);
        Assert.Equal("WEBHOOK_URL_NOT_ALLOWED", privateTarget.Errors[0].Code);
        Assert.Equal("INVALID_WEBHOOK_URL", notHttp.Errors[0].Code);
        Assert.Equal("INVALID_WEBHOOK_URL", withUser.Errors[0].Code);
        Assert.Equal("INVALID_WEBHOOK_EVENTS", unknownEvent.Errors[0].Code);
        Assert.Equal("INVALID_WEBHOOK_EVENTS", noEvents.Errors[0].Code);
        Assert.Equal(2, World.Webhooks.Endpoints.Count);
    }

    [Fact]
    public async Task An_account_has_at_most_ten_endpoints_and_an_anonymous_caller_none()
    {
        for (var i = 0; i < WebhookEndpoint.MaxPerOwner; i++)
        {
            await EndpointAsync();
        }

        var eleventh = await World
            .Get<CreateWebhookEndpoint>()
            .Handle(new("https://hooks.example.com/in", [WebhookEvents.VideoReady]), default);
        World.Caller.SignOut();
        var anonymous = await World
            .Get<CreateWebhookEndpoint>()
            .Handle(new("https://hooks.example.com/in", [WebhookEvents.VideoReady]), default);

        Assert.Equal("QUOTA_EXCEEDED", eleventh.Errors[0].Code);
        Assert.Equal("NOT_AUTHENTICATED", anonymous.Errors[0].Code);
        Assert.Equal(WebhookEndpoint.MaxPerOwner, World.Webhooks.Endpoints.Count);
    }
}

public sealed class UpdateWebhookEndpointTests : WebhookTestBase
{
    [Fact]
    public async Task The_owner_changes_url_or_events_and_a_stranger_finds_nothing()
    {
        var endpoint = await EndpointAsync();
        var secret = endpoint.Secret;

        var moved = await World
            .Get<UpdateWebhookEndpoint>()
            .Handle(new(endpoint.Id, "https://other.example.com/in", null), default);
        var refused = await World
            .Get<UpdateWebhookEndpoint>()
            .Handle(new(endpoint.Id, "https://localhost/in", null), default);
        ActAsStranger();
        var stranger = await World
            .Get<UpdateWebhookEndpoint>()
            .Handle(new(endpoint.Id, null, [WebhookEvents.VideoDeleted]), default);

        Assert.Equal("https://other.example.com/in", moved.Value!.Url);
        Assert.Equal(secret, moved.Value.Secret);
        Assert.Equal("WEBHOOK_URL_NOT_ALLOWED", refused.Errors[0].Code);
        Assert.Equal("WEBHOOK_NOT_FOUND", stranger.Errors[0].Code);
        Assert.Equal([WebhookEvents.VideoFailed, WebhookEvents.VideoReady], endpoint.EventTypes);
    }
}

public sealed class DeleteWebhookEndpointTests : WebhookTestBase
{
    [Fact]
    public async Task Deleting_removes_the_endpoint_and_its_log_and_only_its_owner_may()
    {
        var endpoint = await EndpointAsync();
        Delivery(endpoint);

        ActAsStranger();
        var stranger = await World.Get<DeleteWebhookEndpoint>().Handle(endpoint.Id, default);
        World.Caller.SignIn(Owner);
        var deleted = await World.Get<DeleteWebhookEndpoint>().Handle(endpoint.Id, default);

        Assert.Equal("WEBHOOK_NOT_FOUND", stranger.Errors[0].Code);
        Assert.Equal(endpoint.Id, deleted.Value);
        Assert.Empty(World.Webhooks.Endpoints);
        Assert.Empty(World.Webhooks.Deliveries);
    }
}

public sealed class RotateWebhookSecretTests : WebhookTestBase
{
    [Fact]
    public async Task The_old_secret_keeps_signing_for_a_day_then_only_the_new_one_does()
    {
        var endpoint = await EndpointAsync();
        var old = endpoint.Secret;

        var rotated = (await World.Get<RotateWebhookSecret>().Handle(endpoint.Id, default)).Value!;
        var during = rotated.SigningSecrets(World.Clock.UtcNow.AddHours(23));
        var after = rotated.SigningSecrets(World.Clock.UtcNow.AddHours(25));

        Assert.NotEqual(old, rotated.Secret);
        Assert.Equal([rotated.Secret, old], during);
        Assert.Equal([rotated.Secret], after);
    }
}

public sealed class ListWebhookEndpointsTests : WebhookTestBase
{
    [Fact]
    public async Task Each_account_sees_its_own_endpoints_only()
    {
        await EndpointAsync();
        ActAsStranger();

        var theirs = await World.Get<ListWebhookEndpoints>().Handle(default);
        World.Caller.SignIn(Owner);
        var mine = await World.Get<ListWebhookEndpoints>().Handle(default);

        Assert.Empty(theirs.Value!);
        Assert.Single(mine.Value!);
    }
}

public sealed class ListWebhookDeliveriesTests : WebhookTestBase
{
    [Fact]
    public async Task The_log_is_the_owners_alone()
    {
        var endpoint = await EndpointAsync();
        Delivery(endpoint);
        Delivery(endpoint);

        var own = await World.Get<ListWebhookDeliveries>().Handle(new(endpoint.Id, PageRequest.Default), default);
        ActAsStranger();
        var stranger = await World.Get<ListWebhookDeliveries>().Handle(new(endpoint.Id, PageRequest.Default), default);

        Assert.Equal(2, own.Value!.Edges.Count);
        Assert.Equal("WEBHOOK_NOT_FOUND", stranger.Errors[0].Code);
    }
}

public sealed class RedeliverWebhookTests : WebhookTestBase
{
    [Fact]
    public async Task A_failed_delivery_is_pending_again_with_its_event_id_and_a_stranger_cannot_ask()
    {
        var endpoint = await EndpointAsync();
        var delivery = Delivery(endpoint);
        delivery.AttemptFailed(500, "HTTP 500", World.Clock.UtcNow, retryAt: null);

        ActAsStranger();
        var stranger = await World.Get<RedeliverWebhook>().Handle(delivery.Id, default);
        World.Caller.SignIn(Owner);
        var again = await World.Get<RedeliverWebhook>().Handle(delivery.Id, default);

        Assert.Equal("WEBHOOK_DELIVERY_NOT_FOUND", stranger.Errors[0].Code);
        Assert.Equal(WebhookDeliveryStatus.Pending, again.Value!.Status);
        Assert.Equal(delivery.EventId, again.Value.EventId);
    }
}

public sealed class GetWebhookDeliveryTests : WebhookTestBase
{
    [Fact]
    public async Task A_delivery_exists_for_its_owner_only()
    {
        var delivery = Delivery(await EndpointAsync());

        var own = await World.Get<GetWebhookDelivery>().Handle(delivery.Id, default);
        ActAsStranger();
        var stranger = await World.Get<GetWebhookDelivery>().Handle(delivery.Id, default);

        Assert.Same(delivery, own);
        Assert.Null(stranger);
    }
}
