using GraphQL;
using GraphQL.DataLoader;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Users;
using StreamEngine.Domain.Videos;
using StreamEngine.Web.GraphQL.Common;

namespace StreamEngine.Web.GraphQL.Batching;

/// <summary>The batched look-ups resolvers use, so that a list of N items costs one statement per kind of related
/// data, not N.</summary>
public static class Batches
{
    public static IDataLoaderResult<User?> User(this IResolveFieldContext context, Guid id) =>
        context.Service<RequestBatches>().Get<Guid, User>("users", context.Service<IEngagementQueries>().UsersAsync).Load(id);

    public static IDataLoaderResult<Video?> Video(this IResolveFieldContext context, Guid id) =>
        context.Service<RequestBatches>().Get<Guid, Video>("videos", context.Service<IEngagementQueries>().VideosByIdAsync).Load(id);

    public static IDataLoaderResult<bool> ViewerLikesVideo(this IResolveFieldContext context, Guid videoId) =>
        ViewerSet(context, "liked-videos", videoId, (queries, user, ids, ct) => queries.LikedVideosAsync(user, ids, ct));

    public static IDataLoaderResult<bool> ViewerLikesComment(this IResolveFieldContext context, Guid commentId) =>
        ViewerSet(context, "liked-comments", commentId, (queries, user, ids, ct) => queries.LikedCommentsAsync(user, ids, ct));

    public static IDataLoaderResult<bool> ViewerSubscribes(this IResolveFieldContext context, Guid channelId) =>
        ViewerSet(context, "subscribed", channelId, (queries, user, ids, ct) => queries.SubscribedChannelsAsync(user, ids, ct));

    /// <summary>Whether the signed-in viewer has a relation to each id (false for everyone when anonymous).</summary>
    private static IDataLoaderResult<bool> ViewerSet(
        IResolveFieldContext context, string name, Guid id, Func<IEngagementQueries, Guid, IReadOnlyCollection<Guid>, CancellationToken, Task<IReadOnlySet<Guid>>> lookup)
    {
        var viewer = context.Service<ICurrentUser>().UserId;
        var queries = context.Service<IEngagementQueries>();
        var loader = context.Service<RequestBatches>().Get<Guid, bool>(name, async (ids, ct) =>
        {
            var set = viewer is { } user ? await lookup(queries, user, ids, ct) : new HashSet<Guid>();
            return ids.ToDictionary(i => i, set.Contains);
        });
        return loader.Load(id);
    }
}
