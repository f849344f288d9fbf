using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;

namespace StreamEngine.Web.GraphQL.Transport.WebSockets;

/// <summary>One client message of either protocol: <c>{ type, id?, payload? }</c>. A message that is not such an
/// object has a null <see cref="Type"/>; an <c>id</c> that is not a string makes the type <c>&lt;invalid id&gt;</c>,
/// which no protocol accepts.</summary>
internal sealed record WebSocketMessage(string? Type, string? Id, JsonElement Payload)
{
    public static WebSocketMessage Parse(byte[] utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8);
            var root = document.RootElement;
            if (
                root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var t)
                || t.ValueKind != JsonValueKind.String
            )
            {
                return new WebSocketMessage(null, null, default);
            }

            var type = t.GetString();
            string? id = null;
            if (root.TryGetProperty("id", out var i))
            {
                id = i.ValueKind == JsonValueKind.String ? i.GetString() : null;
                type = i.ValueKind == JsonValueKind.String ? type : "<invalid id>";
            }

            return new WebSocketMessage(type, id, root.TryGetProperty("payload", out var p) ? p.Clone() : default);
        }
        catch (JsonException)
        {
            return new WebSocketMessage(null, null, default);
        }
    }

    /// <summary>The GraphQL request of a <c>subscribe</c> (or legacy <c>start</c>) payload, or null when
    /// malformed.</summary>
    public GraphQLRequest? ReadRequest(IGraphQLTextSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        if (
            Payload.ValueKind != JsonValueKind.Object
            || !Payload.TryGetProperty("query", out var query)
            || query.ValueKind != JsonValueKind.String
        )
        {
            return null;
        }

        try
        {
            return new GraphQLRequest
            {
                Query = query.GetString(),
                OperationName =
                    Payload.TryGetProperty("operationName", out var name) && name.ValueKind == JsonValueKind.String
                        ? name.GetString()
                        : null,
                Variables =
                    Payload.TryGetProperty("variables", out var v) && v.ValueKind == JsonValueKind.Object
                        ? serializer.ReadNode<Inputs>(v)
                        : null,
                Extensions =
                    Payload.TryGetProperty("extensions", out var e) && e.ValueKind == JsonValueKind.Object
                        ? serializer.ReadNode<Inputs>(e)
                        : null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A server message: <c>{"id":…,"type":…,"payload":…}</c> with the payload as raw JSON.</summary>
    public static string Format(string? id, string type, string? payloadJson)
    {
        var builder = new StringBuilder("{");
        if (id is not null)
        {
            builder.Append("\"id\":").Append(JsonSerializer.Serialize(id)).Append(',');
        }

        builder.Append("\"type\":\"").Append(type).Append('"');
        if (payloadJson is not null)
        {
            builder.Append(",\"payload\":").Append(payloadJson);
        }

        return builder.Append('}').ToString();
    }
}
