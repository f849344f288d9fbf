using GraphQL;
using GraphQL.Types;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Channels;
using StreamEngine.Domain.Users;
using StreamEngine.Web.GraphQL.Batching;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Engagement;
using StreamEngine.Web.GraphQL.Playlists;
using StreamEngine.Web.GraphQL.Videos;

namespace StreamEngine.Web.GraphQL.Channels;

/// <summary>A user's public face. Never carries the e-mail address.</summary>
public sealed class ChannelType : ObjectGraphType<User>
{
    public ChannelType()
    {
        Name = "Channel";
        Description = "A user's public face: their videos and playlists.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field(u => u.Handle);
        Field(u => u.DisplayName);
        Field(u => u.Bio, nullable: true);
        Field<StringGraphType>("avatarUrl")
            .Description("256 x 256 JPEG, or null.")
            .Resolve(c => c.Service<IChannelImages>().Url(c.Source, ChannelImageKind.Avatar)?.ToString());
        Field<StringGraphType>("bannerUrl")
            .Description("2048 x 512 JPEG, or null.")
            .Resolve(c => c.Service<IChannelImages>().Url(c.Source, ChannelImageKind.Banner)?.ToString());
        Field<NonNullGraphType<LongGraphType>>("subscriberCount").Resolve(c => c.Source.SubscriberCount);
        Field<NonNullGraphType<BooleanGraphType>>("viewerIsSubscribed")
            .Description("Whether you subscribe to it (false when anonymous).")
            .Resolve(c => c.ViewerSubscribes(c.Source.Id));
        Field<NonNullGraphType<VideoConnectionType>>("videos")
            .Description("Its READY public videos; all of them for its owner.")
            .Argument<VideoOrderType>("orderBy", a => a.DefaultValue = VideoOrder.Newest)
            .PageArguments()
            .ResolveAsync(async c =>
                (
                    await c.Service<ListVideos>()
                        .Handle(
                            new(c.Source.Id, null, c.GetArgument("orderBy", VideoOrder.Newest), c.ReadPage()),
                            c.CancellationToken
                        )
                ).ValueOrError()
            );
        Field<NonNullGraphType<PlaylistConnectionType>>("playlists")
            .Description("Its public playlists; all of them for its owner.")
            .PageArguments()
            .ResolveAsync(async c =>
                (
                    await c.Service<ListChannelPlaylists>().Handle(new(c.Source.Id, c.ReadPage()), c.CancellationToken)
                ).ValueOrError()
            );
        Field<NonNullGraphType<DateTimeType>>("createdAt").Resolve(c => c.Source.CreatedAt);
    }
}

public sealed class DashboardType : ObjectGraphType<ChannelTotals>
{
    public DashboardType()
    {
        Name = "Dashboard";
        Description = "Your channel's figures; each total is counted on its own.";
        Field<NonNullGraphType<IntGraphType>>("totalVideos").Resolve(c => c.Source.Videos);
        Field<NonNullGraphType<LongGraphType>>("totalViews").Resolve(c => c.Source.Views);
        Field<NonNullGraphType<LongGraphType>>("totalLikes").Resolve(c => c.Source.Likes);
        Field<NonNullGraphType<LongGraphType>>("totalComments").Resolve(c => c.Source.Comments);
        Field<NonNullGraphType<LongGraphType>>("subscriberCount").Resolve(c => c.Source.Subscribers);
        Field<NonNullGraphType<VideoConnectionType>>("videos")
            .Description("Every video of yours, in any state, with its figures.")
            .Argument<VideoOrderType>("orderBy", a => a.DefaultValue = VideoOrder.Newest)
            .PageArguments()
            .ResolveAsync(async c =>
                (
                    await c.Service<ListVideos>()
                        .Handle(
                            new(
                                c.Service<ICurrentUser>().UserId,
                                null,
                                c.GetArgument("orderBy", VideoOrder.Newest),
                                c.ReadPage()
                            ),
                            c.CancellationToken
                        )
                ).ValueOrError()
            );
    }
}

public sealed class ChannelConnectionType() : ConnectionGraphType<ChannelType, User>("Channel");

public sealed class ChannelPayloadType() : PayloadGraphType<ChannelType, User>("ChannelPayload", "channel");

public sealed class ChannelImageKindType : EnumerationGraphType<ChannelImageKind>
{
    public ChannelImageKindType()
    {
        Name = "ChannelImageKind";
        Description = "AVATAR: 256 x 256; BANNER: 2048 x 512 (JPEG, scaled to cover and centre-cropped).";
    }
}

public sealed class ChannelImageUploadType : ObjectGraphType<Application.Abstractions.ChannelImageUpload>
{
    public ChannelImageUploadType()
    {
        Name = "ChannelImageUpload";
        Description =
            "PUT the image's bytes to url with these headers, then completeChannelImageUpload with the token.";
        Field<NonNullGraphType<StringGraphType>>("url").Resolve(c => c.Source.Url.ToString());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<HttpHeaderType>>>>("headers")
            .Resolve(c => c.Source.Headers.ToList());
        Field(u => u.Token);
        Field<NonNullGraphType<DateTimeType>>("expiresAt").Resolve(c => c.Source.ExpiresAt);
    }
}

public sealed class ChannelImageUploadPayloadType()
    : PayloadGraphType<ChannelImageUploadType, Application.Abstractions.ChannelImageUpload>(
        "ChannelImageUploadPayload",
        "upload"
    );
