using GraphQL.Types;
using StreamEngine.Application.Common;
using StreamEngine.Application.Webhooks;
using StreamEngine.Web.GraphQL.Common;

namespace StreamEngine.Web.GraphQL.Webhooks;

/// <summary>Outbound webhooks: endpoints, their secrets and their delivery logs.</summary>
public static class WebhookFields
{
    private const string Events =
        "Event types: video.created, video.processing, video.playable, video.ready, video.failed, video.deleted.";

    public static void AddMutations(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation
            .Define(
                "createWebhookEndpoint",
                "Registers a URL for some of your video events; the payload shows its secret once."
            )
            .Input<NonNullGraphType<UrlType>>("url", "An https URL that resolves to public addresses.")
            .Input<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("events", Events)
            .Output<WebhookEndpointType>("endpoint", "The new endpoint, with its secret.")
            .Resolve(
                async (c, i) =>
                    Endpoint(
                        await c.Service<CreateWebhookEndpoint>().Handle(new(Url(i), Strings(i)), c.CancellationToken),
                        reveal: true
                    )
            );
        mutation
            .Define("updateWebhookEndpoint", "Changes an endpoint's URL or events; what is left out stays.")
            .Input<NonNullGraphType<IdGraphType>>("endpointId", "The endpoint's id.")
            .Input<UrlType>("url", "An https URL that resolves to public addresses.")
            .Input<ListGraphType<NonNullGraphType<StringGraphType>>>("events", Events)
            .Output<WebhookEndpointType>("endpoint", "The endpoint as it is now.")
            .Resolve(
                async (c, i) =>
                    i.TryId("endpointId", NodeTypes.WebhookEndpoint, out var id, out var invalid)
                        ? Endpoint(
                            await c.Service<UpdateWebhookEndpoint>()
                                .Handle(new(id, Url(i), i.Has("events") ? Strings(i) : null), c.CancellationToken),
                            reveal: false
                        )
                        : invalid
            );
        mutation
            .Define(
                "rotateWebhookSecret",
                "Gives an endpoint a new secret (shown once); the old one signs too for a day."
            )
            .Input<NonNullGraphType<IdGraphType>>("endpointId", "The endpoint's id.")
            .Output<WebhookEndpointType>("endpoint", "The endpoint, with its new secret.")
            .Resolve(
                async (c, i) =>
                    i.TryId("endpointId", NodeTypes.WebhookEndpoint, out var id, out var invalid)
                        ? Endpoint(await c.Service<RotateWebhookSecret>().Handle(id, c.CancellationToken), reveal: true)
                        : invalid
            );
        mutation
            .Define("deleteWebhookEndpoint", "Removes an endpoint and its delivery log.")
            .Input<NonNullGraphType<IdGraphType>>("endpointId", "The endpoint's id.")
            .Output<IdGraphType>("deletedEndpointId", "The removed endpoint's id.")
            .Resolve(
                async (c, i) =>
                {
                    if (!i.TryId("endpointId", NodeTypes.WebhookEndpoint, out var id, out var invalid))
                    {
                        return invalid;
                    }

                    var result = await c.Service<DeleteWebhookEndpoint>().Handle(id, c.CancellationToken);
                    return result.Succeeded
                        ? MutationOutcome.Ok(("deletedEndpointId", GlobalId.Of(NodeTypes.WebhookEndpoint, id)))
                        : result.Failure();
                }
            );
        mutation
            .Define("redeliverWebhook", "Sends a delivery again now, with the same event id and body.")
            .Input<NonNullGraphType<IdGraphType>>("deliveryId", "The delivery's id.")
            .Output<WebhookDeliveryType>("delivery", "The delivery, pending again.")
            .Resolve(
                async (c, i) =>
                {
                    if (!i.TryId("deliveryId", NodeTypes.WebhookDelivery, out var id, out var invalid))
                    {
                        return invalid;
                    }

                    var result = await c.Service<RedeliverWebhook>().Handle(id, c.CancellationToken);
                    return result.Succeeded ? MutationOutcome.Ok(("delivery", result.Value)) : result.Failure();
                }
            );
    }

    private static MutationOutcome Endpoint(Result<Domain.Webhooks.WebhookEndpoint> result, bool reveal) =>
        result.Succeeded
            ? MutationOutcome.Ok(("endpoint", new WebhookEndpointView(result.Value, reveal)))
            : result.Failure();

    private static string? Url(MutationInput input) => input.Get<Uri>("url")?.ToString();

    private static List<string> Strings(MutationInput input) =>
        [.. (input.Get<System.Collections.IEnumerable>("events") ?? Array.Empty<object>()).OfType<string>()];
}
