using GraphQL;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Engagement;
using StreamEngine.Domain.Videos;
using StreamEngine.Web.GraphQL.Nodes;

namespace StreamEngine.Web.GraphQL.Common;

/// <summary>Objects read after a mutation changed them, bypassing the request's batch caches (which may hold a copy
/// from before the change).</summary>
public static class Fresh
{
    public static async Task<Video?> VideoAsync(IResolveFieldContext context, Guid? id)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (id is not { } key)
        {
            return null;
        }

        var videos = await context.Service<IVideoQueries>().VideosByIdAsync([key], context.CancellationToken);
        return videos.GetValueOrDefault(key);
    }

    public static async Task<Comment?> CommentAsync(IResolveFieldContext context, Guid? id)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (id is not { } key)
        {
            return null;
        }

        var comments = await context.Service<ICommentQueries>().CommentsByIdAsync([key], context.CancellationToken);
        return comments.GetValueOrDefault(key);
    }

    public static async Task<ChannelView?> ChannelAsync(IResolveFieldContext context, Guid? id)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (id is not { } key)
        {
            return null;
        }

        var users = await context.Service<IChannelQueries>().UsersAsync([key], context.CancellationToken);
        return users.TryGetValue(key, out var user) ? new ChannelView(user) : null;
    }
}
