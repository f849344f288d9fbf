using GraphQL;
using GraphQL.Types;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Engagement;
using StreamEngine.Application.Users;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Engagement;
using StreamEngine.Domain.Users;
using StreamEngine.Domain.Videos;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Users;
using StreamEngine.Web.GraphQL.Videos;

namespace StreamEngine.Web.GraphQL.Engagement;

/// <summary>Channels, subscriptions, comments, likes, playlists, viewings, the dashboard and account deletion.</summary>
public static class EngagementFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Field<ChannelType>("channel")
            .Description("A channel by its owner's handle.")
            .Argument<NonNullGraphType<StringGraphType>>("handle")
            .ResolveAsync(async c => await c.Service<Channels>().ByHandle(c.GetArgument<string>("handle"), c.CancellationToken));
        query.Field<NonNullGraphType<VideoConnectionType>>("videos")
            .Description("READY public videos (and your own), optionally matching a search over title and description.")
            .Argument<StringGraphType>("search")
            .Argument<VideoOrderType>("orderBy", a => a.DefaultValue = VideoOrder.Newest)
            .PageArguments()
            .ResolveAsync(async c => (await c.Service<Channels>().Videos(null, c.GetArgument<string?>("search"), c.GetArgument("orderBy", VideoOrder.Newest), c.ReadPage(), c.CancellationToken)).PageOrError());
        query.Field<NonNullGraphType<VideoConnectionType>>("feed")
            .Description("Public videos of the channels you subscribe to, newest first.")
            .PageArguments()
            .ResolveAsync(async c => (await c.Service<Channels>().Feed(c.ReadPage(), c.CancellationToken)).PageOrError());
        query.Field<NonNullGraphType<ChannelConnectionType>>("mySubscriptions")
            .Description("The channels you subscribe to, latest first.")
            .PageArguments()
            .ResolveAsync(async c => (await c.Service<Channels>().MySubscriptions(c.ReadPage(), c.CancellationToken)).PageOrError());
        query.Field<NonNullGraphType<ChannelConnectionType>>("mySubscribers")
            .Description("Who subscribes to your channel, latest first.")
            .PageArguments()
            .ResolveAsync(async c => (await c.Service<Channels>().MySubscribers(c.ReadPage(), c.CancellationToken)).PageOrError());
        query.Field<PlaylistType>("playlist")
            .Description("A public or unlisted playlist, or your own.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => Guid.TryParse(c.GetArgument<string>("id"), out var id) ? await c.Service<Playlists>().ById(id, c.CancellationToken) : null);
        query.Field<NonNullGraphType<WatchHistoryConnectionType>>("watchHistory")
            .Description("What you watched, latest first.")
            .PageArguments()
            .ResolveAsync(async c => (await c.Service<Viewings>().History(c.ReadPage(), c.CancellationToken)).PageOrError());
        query.Field<NonNullGraphType<DashboardType>>("dashboard")
            .Description("Your channel's totals and per-video figures.")
            .ResolveAsync(async c => Single(await c.Service<Channels>().Dashboard(c.CancellationToken)));
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        foreach (var (name, subscribe) in new[] { ("subscribe", true), ("unsubscribe", false) })
        {
            mutation.Field<NonNullGraphType<ChannelPayloadType>>(name)
                .Description(subscribe ? "Subscribes you to a channel; subscribing again changes nothing." : "Ends your subscription; idempotent.")
                .Argument<NonNullGraphType<IdGraphType>>("channelId")
                .ResolveAsync(async c => Payload(Guid.TryParse(c.GetArgument<string>("channelId"), out var id)
                    ? await c.Service<Channels>().Subscribe(id, subscribe, c.CancellationToken)
                    : EngagementErrors.ChannelNotFound));
        }

        foreach (var (name, like) in new[] { ("likeVideo", true), ("unlikeVideo", false) })
        {
            mutation.Field<NonNullGraphType<VideoPayloadType>>(name)
                .Description(like ? "Likes a video once; liking again changes nothing." : "Takes your like back; idempotent.")
                .Argument<NonNullGraphType<IdGraphType>>("videoId")
                .ResolveAsync(async c =>
                {
                    var result = Guid.TryParse(c.GetArgument<string>("videoId"), out var id)
                        ? await c.Service<Likes>().Video(id, like, c.CancellationToken)
                        : VideoErrors.NotFound;
                    var errors = result.PayloadErrors();
                    return new VideoPayload(result.Succeeded ? (await c.Service<IEngagementQueries>().VideosByIdAsync([result.Value], c.CancellationToken)).GetValueOrDefault(result.Value) : null, null, errors);
                });
        }

        foreach (var (name, like) in new[] { ("likeComment", true), ("unlikeComment", false) })
        {
            mutation.Field<NonNullGraphType<CommentPayloadType>>(name)
                .Argument<NonNullGraphType<IdGraphType>>("commentId")
                .ResolveAsync(async c =>
                {
                    var result = Guid.TryParse(c.GetArgument<string>("commentId"), out var id)
                        ? await c.Service<Likes>().Comment(id, like, c.CancellationToken)
                        : EngagementErrors.CommentNotFound;
                    var errors = result.PayloadErrors();
                    return new Payload<Comment>(result.Succeeded ? await c.Service<IEngagementStore>().FindCommentAsync(result.Value, c.CancellationToken) : null, errors);
                });
        }

        mutation.Field<NonNullGraphType<CommentPayloadType>>("addComment")
            .Description("Comments on a READY video you may watch, or replies to a top-level comment.")
            .Argument<NonNullGraphType<IdGraphType>>("videoId")
            .Argument<NonNullGraphType<StringGraphType>>("body")
            .Argument<IdGraphType>("parentId", "The top-level comment to reply to.")
            .ResolveAsync(async c =>
            {
                if (!Guid.TryParse(c.GetArgument<string>("videoId"), out var videoId))
                {
                    return Payload<Comment>(VideoErrors.NotFound);
                }

                Guid? parent = null;
                if (c.GetArgument<string?>("parentId") is { } text)
                {
                    if (!Guid.TryParse(text, out var parsed))
                    {
                        return Payload<Comment>(EngagementErrors.CommentNotFound with { Field = "parentId" });
                    }

                    parent = parsed;
                }

                return Payload(await c.Service<Comments>().Add(videoId, parent, c.GetArgument<string>("body"), c.CancellationToken));
            });
        mutation.Field<NonNullGraphType<CommentPayloadType>>("editComment")
            .Description("Changes your comment's text.")
            .Argument<NonNullGraphType<IdGraphType>>("commentId")
            .Argument<NonNullGraphType<StringGraphType>>("body")
            .ResolveAsync(async c => Payload(Guid.TryParse(c.GetArgument<string>("commentId"), out var id)
                ? await c.Service<Comments>().Edit(id, c.GetArgument<string>("body"), c.CancellationToken)
                : EngagementErrors.CommentNotFound));
        mutation.Field<NonNullGraphType<DeleteCommentPayloadType>>("deleteComment")
            .Description("Deletes a comment (with its replies): its author's, or any on your video.")
            .Argument<NonNullGraphType<IdGraphType>>("commentId")
            .ResolveAsync(async c => Payload(Guid.TryParse(c.GetArgument<string>("commentId"), out var id)
                ? await c.Service<Comments>().Delete(id, c.CancellationToken)
                : EngagementErrors.CommentNotFound));

        mutation.Field<NonNullGraphType<PlaylistPayloadType>>("createPlaylist")
            .Argument<NonNullGraphType<StringGraphType>>("title")
            .Argument<StringGraphType>("description")
            .Argument<VisibilityType>("visibility", a => a.DefaultValue = Visibility.Public)
            .ResolveAsync(async c => Payload(await c.Service<Playlists>().Create(
                c.GetArgument<string>("title"), c.GetArgument<string?>("description"), c.GetArgument("visibility", Visibility.Public), c.CancellationToken)));
        mutation.Field<NonNullGraphType<PlaylistPayloadType>>("updatePlaylist")
            .Description("Renames, redescribes or changes the visibility of your playlist; arguments left out stay.")
            .Argument<NonNullGraphType<IdGraphType>>("playlistId")
            .Argument<StringGraphType>("title")
            .Argument<StringGraphType>("description")
            .Argument<VisibilityType>("visibility")
            .ResolveAsync(async c => Payload(Guid.TryParse(c.GetArgument<string>("playlistId"), out var id)
                ? await c.Service<Playlists>().Update(id, c.GetArgument<string?>("title"), c.GetArgument<string?>("description"), c.GetArgument<Visibility?>("visibility"), c.CancellationToken)
                : EngagementErrors.PlaylistNotFound));
        mutation.Field<NonNullGraphType<DeletePlaylistPayloadType>>("deletePlaylist")
            .Argument<NonNullGraphType<IdGraphType>>("playlistId")
            .ResolveAsync(async c => Payload(Guid.TryParse(c.GetArgument<string>("playlistId"), out var id)
                ? await c.Service<Playlists>().Delete(id, c.CancellationToken)
                : EngagementErrors.PlaylistNotFound));
        mutation.Field<NonNullGraphType<PlaylistPayloadType>>("addPlaylistItem")
            .Description("Adds a video at the end, or at a 0-based position; a video is in a playlist at most once.")
            .Argument<NonNullGraphType<IdGraphType>>("playlistId")
            .Argument<NonNullGraphType<IdGraphType>>("videoId")
            .Argument<IntGraphType>("position")
            .ResolveAsync(async c => Payload(PlaylistVideo(c) is var (playlist, video) && playlist is { } p && video is { } v
                ? await c.Service<Playlists>().AddItem(p, v, c.GetArgument<int?>("position"), c.CancellationToken)
                : playlist is null ? EngagementErrors.PlaylistNotFound : VideoErrors.NotFound));
        mutation.Field<NonNullGraphType<PlaylistPayloadType>>("removePlaylistItem")
            .Argument<NonNullGraphType<IdGraphType>>("playlistId")
            .Argument<NonNullGraphType<IdGraphType>>("videoId")
            .ResolveAsync(async c => Payload(PlaylistVideo(c) is var (playlist, video) && playlist is { } p && video is { } v
                ? await c.Service<Playlists>().RemoveItem(p, v, c.CancellationToken)
                : playlist is null ? EngagementErrors.PlaylistNotFound : EngagementErrors.NotInPlaylist));
        mutation.Field<NonNullGraphType<PlaylistPayloadType>>("movePlaylistItem")
            .Description("Moves a video to a 0-based position (clamped to the playlist).")
            .Argument<NonNullGraphType<IdGraphType>>("playlistId")
            .Argument<NonNullGraphType<IdGraphType>>("videoId")
            .Argument<NonNullGraphType<IntGraphType>>("position")
            .ResolveAsync(async c => Payload(PlaylistVideo(c) is var (playlist, video) && playlist is { } p && video is { } v
                ? await c.Service<Playlists>().MoveItem(p, v, c.GetArgument<int>("position"), c.CancellationToken)
                : playlist is null ? EngagementErrors.PlaylistNotFound : EngagementErrors.NotInPlaylist));

        mutation.Field<NonNullGraphType<RecordViewPayloadType>>("recordView")
            .Description("A player calls this once when playback starts: the view counts at most once per viewer per window, and goes into your history unless paused.")
            .Argument<NonNullGraphType<IdGraphType>>("videoId")
            .ResolveAsync(async c =>
            {
                var result = Guid.TryParse(c.GetArgument<string>("videoId"), out var id)
                    ? await c.Service<Viewings>().Record(id, c.CancellationToken)
                    : VideoErrors.NotFound;
                return new Payload<ViewOutcome>(result.Succeeded ? result.Value : null, result.PayloadErrors());
            });
        mutation.Field<NonNullGraphType<UserPayloadType>>("setWatchHistoryPaused")
            .Argument<NonNullGraphType<BooleanGraphType>>("paused")
            .ResolveAsync(async c => UserPayloadOf(await c.Service<Viewings>().Pause(c.GetArgument<bool>("paused"), c.CancellationToken)));
        mutation.Field<NonNullGraphType<ClearWatchHistoryPayloadType>>("clearWatchHistory")
            .Description("Clears your watch history, or removes one video from it.")
            .Argument<IdGraphType>("videoId")
            .ResolveAsync(async c =>
            {
                Guid? videoId = Guid.TryParse(c.GetArgument<string?>("videoId"), out var parsed) ? parsed : null;
                return Payload(await c.Service<Viewings>().Clear(videoId, c.CancellationToken));
            });

        mutation.Field<NonNullGraphType<ChannelImageUploadPayloadType>>("createChannelImageUpload")
            .Description("A signed URL to PUT a new avatar or banner to (at most 10 MiB).")
            .Argument<NonNullGraphType<ChannelImageKindType>>("kind")
            .Argument<NonNullGraphType<LongGraphType>>("sizeBytes")
            .Resolve(c => Payload(c.Service<SetChannelImage>().Begin(c.GetArgument<ChannelImageKind>("kind"), c.GetArgument<long>("sizeBytes"))));
        mutation.Field<NonNullGraphType<ChannelPayloadType>>("completeChannelImageUpload")
            .Description("Checks the uploaded file is an image, re-encodes it to the fixed size and makes it your avatar or banner.")
            .Argument<NonNullGraphType<ChannelImageKindType>>("kind")
            .Argument<NonNullGraphType<StringGraphType>>("token")
            .ResolveAsync(async c => Payload(await c.Service<SetChannelImage>().Complete(c.GetArgument<ChannelImageKind>("kind"), c.GetArgument<string>("token"), c.CancellationToken)));
        mutation.Field<NonNullGraphType<ChannelPayloadType>>("removeChannelImage")
            .Argument<NonNullGraphType<ChannelImageKindType>>("kind")
            .ResolveAsync(async c => Payload(await c.Service<SetChannelImage>().Remove(c.GetArgument<ChannelImageKind>("kind"), c.CancellationToken)));

        mutation.Field<NonNullGraphType<DeleteAccountPayloadType>>("deleteAccount")
            .Description("Deletes your account with everything it has: videos and their files, comments, likes, playlists, subscriptions, history, sessions. Password accounts confirm with the password.")
            .Argument<StringGraphType>("password")
            .ResolveAsync(async c => Payload(await c.Service<DeleteAccount>().Handle(c.GetArgument<string?>("password"), c.CancellationToken)));
    }

    private static (Guid? Playlist, Guid? Video) PlaylistVideo(IResolveFieldContext c) =>
        (Guid.TryParse(c.GetArgument<string>("playlistId"), out var p) ? p : null, Guid.TryParse(c.GetArgument<string>("videoId"), out var v) ? v : null);

    private static Payload<T> Payload<T>(Result<T> result) => new(result.Succeeded ? result.Value : default, result.PayloadErrors());

    private static Payload<T> Payload<T>(Error error) => Payload(Result<T>.Failure(error));

    private static UserPayload UserPayloadOf(Result<User> result) => new(result.Succeeded ? result.Value : null, result.PayloadErrors());

    private static T Single<T>(Result<T> result)
    {
        _ = result.PayloadErrors();
        return result.Value!;
    }
}
