using GraphQL.Types;
using StreamEngine.Application.Common;
using StreamEngine.Application.Webhooks;
using StreamEngine.Domain.Webhooks;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Nodes;

namespace StreamEngine.Web.GraphQL.Webhooks;

/// <summary>An endpoint, with its secret only in the payload that made or rotated it.</summary>
public sealed record WebhookEndpointView(WebhookEndpoint Endpoint, bool RevealSecret = false);

public sealed class WebhookEndpointType : ObjectGraphType<WebhookEndpointView>
{
    public WebhookEndpointType()
    {
        Name = "WebhookEndpoint";
        Description = "A URL that hears about your videos: signed POSTs, retried for a day.";
        this.AddNodeId(NodeTypes.WebhookEndpoint, v => v.Endpoint.Id);
        Field<NonNullGraphType<UrlType>>("url")
            .Description("Where events are POSTed.")
            .Resolve(c => new Uri(c.Source.Endpoint.Url));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("events")
            .Description(
                $"The event types it receives: {string.Join(", ", WebhookEvents.All.Order(StringComparer.Ordinal))}."
            )
            .Resolve(c => c.Source.Endpoint.EventTypes);
        Field<StringGraphType>("secret")
            .Description(
                "The signing secret: shown once, in the payload of createWebhookEndpoint or rotateWebhookSecret; "
                    + "null everywhere else."
            )
            .Resolve(c => c.Source.RevealSecret ? c.Source.Endpoint.Secret : null);
        Field<NonNullGraphType<DateTimeType>>("createdAt")
            .Description("When it was made.")
            .Resolve(c => c.Source.Endpoint.CreatedAt);
        Field<NonNullGraphType<DateTimeType>>("updatedAt")
            .Description("When its URL, events or secret last changed.")
            .Resolve(c => c.Source.Endpoint.UpdatedAt);
        Field<NonNullGraphType<WebhookDeliveryConnectionType>>("deliveries")
            .Description("Its deliveries, newest first.")
            .PageArguments()
            .ResolveAsync(async c =>
                (
                    await c.Service<ListWebhookDeliveries>()
                        .Handle(new(c.Source.Endpoint.Id, c.ReadPage()), c.CancellationToken)
                ).ValueOrError()
            );
    }
}

public sealed class WebhookDeliveryStatusType : EnumerationGraphType
{
    public WebhookDeliveryStatusType()
    {
        Name = "WebhookDeliveryStatus";
        Description = "Where a delivery is.";
        Add("PENDING", WebhookDeliveryStatus.Pending, "Waiting for its next attempt.");
        Add("DELIVERED", WebhookDeliveryStatus.Delivered, "The endpoint answered 2xx.");
        Add(
            "FAILED",
            WebhookDeliveryStatus.Failed,
            "Every attempt in the retry window failed; redeliverWebhook retries."
        );
    }
}

public sealed class WebhookDeliveryType : ObjectGraphType<WebhookDelivery>
{
    public WebhookDeliveryType()
    {
        Name = "WebhookDelivery";
        Description = "One event sent to one endpoint, and how its attempts went.";
        this.AddNodeId(NodeTypes.WebhookDelivery, d => d.Id);
        Field<NonNullGraphType<IdGraphType>>("eventId")
            .Description("The event's id, the same on every attempt (the StreamEngine-Event-Id header).")
            .Resolve(c => c.Source.EventId);
        Field(d => d.EventType).Description("e.g. video.ready.");
        Field<NonNullGraphType<WebhookDeliveryStatusType>>("status")
            .Description("Where it is.")
            .Resolve(c => c.Source.Status);
        Field(d => d.Attempts).Description("How many times it was sent.");
        Field<IntGraphType>("lastResponseCode")
            .Description("The HTTP status of the last attempt; null when it got no answer.")
            .Resolve(c => c.Source.LastResponseCode);
        Field<StringGraphType>("lastError")
            .Description("Why the last attempt failed, if it did.")
            .Resolve(c => c.Source.LastError);
        Field<NonNullGraphType<DateTimeType>>("nextAttemptAt")
            .Description("When a pending delivery is tried next.")
            .Resolve(c => c.Source.NextAttemptAt);
        Field<NonNullGraphType<DateTimeType>>("createdAt")
            .Description("When the event was queued for this endpoint.")
            .Resolve(c => c.Source.CreatedAt);
        Field<DateTimeType>("completedAt")
            .Description("When it was delivered or given up.")
            .Resolve(c => c.Source.CompletedAt);
    }
}

public sealed class WebhookDeliveryConnectionType()
    : ConnectionGraphType<WebhookDeliveryType, WebhookDelivery>("WebhookDelivery");
