using GraphQL;
using GraphQL.Types;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Channels;
using StreamEngine.Application.Common;
using StreamEngine.Application.Engagement;
using StreamEngine.Application.Playlists;
using StreamEngine.Application.Videos;
using StreamEngine.Application.Webhooks;
using StreamEngine.Web.GraphQL.Batching;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Videos;

namespace StreamEngine.Web.GraphQL.Nodes;

/// <summary><c>node(id:)</c> and <c>nodes(ids:)</c>: any object by its global id, as the typed fields would show it
/// (null when it does not exist or the caller may not see it).</summary>
public static class NodeFields
{
    public const int MaxIds = 100;

    public static void AddQueries(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query
            .Field<NodeInterface>("node")
            .Description("Any object by its global id; null when it does not exist or you may not see it.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "A global id, as any object's id field gives it.")
            .ResolveAsync(async c =>
            {
                var pending = Start(c, c.GetArgument<string>("id"), "id");
                return await pending();
            });
        query
            .Field<NonNullGraphType<ListGraphType<NodeInterface>>>("nodes")
            .Description(
                $"Objects by their global ids, in the same order (null where node would be); at most {MaxIds}."
            )
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", "Global ids.")
            .ResolveAsync(async c =>
            {
                var ids = c.GetArgument<List<string>>("ids");
                if (ids.Count > MaxIds)
                {
                    throw new ExecutionError($"At most {MaxIds} ids at once.") { Code = "INVALID_ID" };
                }

                // Every look-up is registered before the first is awaited, so each kind is fetched in one batch.
                var pending = ids.Select(id => Start(c, id, "ids")).ToList();
                var results = new List<object?>(pending.Count);
                foreach (var next in pending)
                {
                    results.Add(await next());
                }

                return results;
            });
    }

    /// <summary>The key of an id argument of <paramref name="type"/>; a coded GraphQL error when it is malformed or
    /// names another type.</summary>
    public static Guid Key(IResolveFieldContext context, string argument, string type)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = context.GetArgument<string>(argument);
        return GlobalId.Key(id, type) ?? throw InvalidId(type, argument);
    }

    private static ExecutionError InvalidId(string type, string argument) =>
        new(GlobalId.Invalid(type, argument).Message) { Code = "INVALID_ID" };

    private static Func<Task<object?>> Start(IResolveFieldContext c, string id, string argument)
    {
        if (!GlobalId.TryParse(id, out var type, out var keys))
        {
            throw new ExecutionError($"'{argument}' has an id that is not one of this API's.") { Code = "INVALID_ID" };
        }

        var key = keys[0];
        var viewer = c.Service<ICurrentUser>().UserId;
        var ct = c.CancellationToken;
        return type switch
        {
            // Users, channels and videos go through the request's batch loaders (registered now, fetched together).
            NodeTypes.Video => Then(c.Video(key), v => v is not null && VideoAccess.CanView(v, viewer) ? v : null),
            NodeTypes.User => Then(c.User(key), u => u),
            NodeTypes.Channel => Then(c.User(key), u => u is null ? null : new ChannelView(u)),
            NodeTypes.Viewer => Then(c.User(key), u => u is not null && viewer == key ? new ViewerView(u) : null),
            NodeTypes.Dashboard => async () =>
                viewer == key
                    ? new DashboardView(key, (await c.Service<GetChannelDashboard>().Handle(ct)).Value!)
                    : null,
            NodeTypes.Comment => async () => await c.Service<GetComment>().Handle(key, ct),
            NodeTypes.Playlist => async () => await c.Service<GetPlaylist>().Handle(key, ct),
            NodeTypes.PlaylistItem when keys.Length == 2 => async () =>
                await c.Service<GetPlaylistItem>().Handle(key, keys[1], ct),
            NodeTypes.UploadSession => async () =>
                await c.Service<GetUploadSession>().Handle(key, ct) is { Succeeded: true } upload
                    ? UploadSessionView.Of(upload.Value)
                    : null,
            NodeTypes.WebhookEndpoint => async () =>
                (await c.Service<ListWebhookEndpoints>().Handle(ct)) is { Succeeded: true } endpoints
                && endpoints.Value.FirstOrDefault(e => e.Id == key) is { } endpoint
                    ? new Webhooks.WebhookEndpointView(endpoint)
                    : null,
            NodeTypes.WebhookDelivery => async () => await c.Service<GetWebhookDelivery>().Handle(key, ct),
            NodeTypes.LiveStream => async () => await c.Service<Application.Live.GetLiveStream>().Handle(key, ct),
            // Events are not refetchable.
            _ => () => Task.FromResult<object?>(null),
        };

        Func<Task<object?>> Then<T>(global::GraphQL.DataLoader.IDataLoaderResult<T?> pending, Func<T?, object?> map)
            where T : class => async () => map(await pending.GetResultAsync(ct));
    }
}
