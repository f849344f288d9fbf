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
    public static IDataLoaderResult<User?> User(this IResolveFieldContext context, Guid id) => Users(context).Load(id);

    /// <summary>A list's videos, with the owners its store read along with them kept for
    /// <see cref="User(IResolveFieldContext, Guid)"/>.</summary>
    public static Page<Video> Videos(this IResolveFieldContext context, Page<ListedVideo> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var users = Users(context);
        foreach (var edge in page.Edges)
        {
            if (edge.Node.Owner is { } owner)
            {
                users.Prime(owner.Id, owner);
            }
        }

        return page.Map(v => v.Video);
    }

    private static BatchLoader<Guid, User> Users(IResolveFieldContext context) =>
        context.Service<RequestBatches>().Get<Guid, User>("users", context.Service<IChannelQueries>().UsersAsync);

    public static IDataLoaderResult<Video?> Video(this IResolveFieldContext context, Guid id) =>
        context
            .Service<RequestBatches>()
            .Get<Guid, Video>("videos", context.Service<IVideoQueries>().VideosByIdAsync)
            .Load(id);

    public static IDataLoaderResult<Domain.Engagement.Comment?> Comment(this IResolveFieldContext context, Guid id) =>
        context
            .Service<RequestBatches>()
            .Get<Guid, Domain.Engagement.Comment>("comments", context.Service<ICommentQueries>().CommentsByIdAsync)
            .Load(id);

    public static IDataLoaderResult<bool> ViewerLikesVideo(this IResolveFieldContext context, Guid videoId) =>
        ViewerSet<IVideoQueries>(
            context,
            "liked-videos",
            videoId,
            (q, user, ids, ct) => q.LikedVideosAsync(user, ids, ct)
        );

    public static IDataLoaderResult<bool> ViewerLikesComment(this IResolveFieldContext context, Guid commentId) =>
        ViewerSet<ICommentQueries>(
            context,
            "liked-comments",
            commentId,
            (q, user, ids, ct) => q.LikedCommentsAsync(user, ids, ct)
        );

    public static IDataLoaderResult<bool> ViewerSubscribes(this IResolveFieldContext context, Guid channelId) =>
        ViewerSet<IChannelQueries>(
            context,
            "subscribed",
            channelId,
            (q, user, ids, ct) => q.SubscribedChannelsAsync(user, ids, ct)
        );

    /// <summary>Whether the signed-in viewer has a relation to each id (false for everyone when anonymous).</summary>
    private static IDataLoaderResult<bool> ViewerSet<TQueries>(
        IResolveFieldContext context,
        string name,
        Guid id,
        Func<TQueries, Guid, IReadOnlyCollection<Guid>, CancellationToken, Task<IReadOnlySet<Guid>>> lookup
    )
        where TQueries : notnull
    {
        var viewer = context.Service<ICurrentUser>().UserId;
        var queries = context.Service<TQueries>();
        var loader = context
            .Service<RequestBatches>()
            .Get<Guid, bool>(
                name,
                async (ids, ct) =>
                {
                    var set = viewer is { } user ? await lookup(queries, user, ids, ct) : new HashSet<Guid>();
                    return ids.ToDictionary(i => i, set.Contains);
                }
            );
        return loader.Load(id);
    }
}
