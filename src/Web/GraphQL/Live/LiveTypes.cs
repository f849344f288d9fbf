using GraphQL;
using GraphQL.Types;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Live;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Live;
using StreamEngine.Web.GraphQL.Batching;
using StreamEngine.Web.GraphQL.Channels;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Nodes;
using StreamEngine.Web.GraphQL.Videos;

namespace StreamEngine.Web.GraphQL.Live;

public sealed class LiveStreamStatusType : EnumerationGraphType
{
    public LiveStreamStatusType()
    {
        Name = "LiveStreamStatus";
        Description = "Where a broadcast is.";
        Add("IDLE", LiveStreamStatus.Idle, "Created; no broadcaster has connected yet.");
        Add(
            "CONNECTING",
            LiveStreamStatus.Connecting,
            "A broadcaster's key was accepted; the first segments are coming."
        );
        Add("LIVE", LiveStreamStatus.Live, "On air: viewers can watch.");
        Add(
            "RECONNECTING",
            LiveStreamStatus.Reconnecting,
            "The broadcaster dropped; the stream continues if they return in time."
        );
        Add("ENDED", LiveStreamStatus.Ended, "Over for good.");
    }
}

public sealed class LiveStreamType : ObjectGraphType<LiveStream>
{
    public LiveStreamType()
    {
        Name = "LiveStream";
        Description =
            "A broadcast: OBS or ffmpeg publishes to rtmpUrl with streamKey; viewers play hlsUrl while it is on air. "
            + "The key and ingest URLs are shown to its owner only.";
        this.AddNodeId(NodeTypes.LiveStream, s => s.Id);
        Field(s => s.Title).Description("The stream's title.");
        Field(s => s.Description, nullable: true).Description("The stream's description.");
        Field<NonNullGraphType<VisibilityType>>("visibility")
            .Description("Who may find and watch it.")
            .Resolve(c => c.Source.Visibility);
        Field<NonNullGraphType<LiveStreamStatusType>>("status")
            .Description("Where the broadcast is.")
            .Resolve(c => c.Source.Status);
        Field(s => s.Record).Description("Whether the broadcast becomes a video when it ends.");
        Field<StringGraphType>("streamKey")
            .Description("The secret to publish with (owner only; rotateStreamKey replaces it).")
            .Resolve(c => Owns(c) ? c.Source.StreamKey : null);
        Field<UrlType>("rtmpUrl")
            .Description("Where to publish over RTMP, the key appended as the stream name (owner only).")
            .Resolve(c => Owns(c) ? c.Service<ILiveIngest>().RtmpUrl : null);
        Field<UrlType>("srtUrl")
            .Description(
                "Where to publish over SRT (owner only), the key as the SRT passphrase; null while the stream has no "
                    + "SRT listener (SRT off, all SRT ports taken, or ended)."
            )
            .Resolve(c => Owns(c) ? c.Service<ILiveIngest>().SrtUrlOf(c.Source.Id, c.Source.StreamKey) : null);
        Field<UrlType>("hlsUrl")
            .Description("The signed live playlist, while the stream is LIVE or RECONNECTING.")
            .Resolve(c =>
                c.Source.Status is LiveStreamStatus.Live or LiveStreamStatus.Reconnecting
                    ? c.Service<ILivePlaybackSigner>().Sign(c.Source.Id, c.Service<IClock>().UtcNow)
                    : null
            );
        Field<NonNullGraphType<IntGraphType>>("viewerCount")
            .Description("People watching now (players that loaded its playlist in the last 10 seconds).")
            .Resolve(c => c.Source.IsActive ? c.Service<ILiveIngest>().ViewersOf(c.Source.Id) : 0);
        Field<NonNullGraphType<ChannelType>>("channel")
            .Description("The channel that broadcasts it.")
            .Resolve(c => c.User(c.Source.OwnerId).Then(u => new ChannelView(u!)));
        Field<VideoType>("recording")
            .Description("The video the broadcast became (recorded streams, once ended), if you may see it.")
            .Resolve(c =>
                c.Source.RecordingVideoId is { } id
                    ? c.Video(id)
                        .Then(v => v is not null && VideoAccess.CanView(v, c.Service<ICurrentUser>().UserId) ? v : null)
                    : null
            );
        Field<NonNullGraphType<DateTimeType>>("createdAt")
            .Description("When it was created.")
            .Resolve(c => c.Source.CreatedAt);
        Field<DateTimeType>("startedAt").Description("When it went on air.").Resolve(c => c.Source.StartedAt);
        Field<DateTimeType>("endedAt").Description("When it ended.").Resolve(c => c.Source.EndedAt);
        Field<StringGraphType>("endReason")
            .Description("Why it ended, when its owner did not end it (a broadcaster that did not return, a limit).")
            .Resolve(c => c.Source.EndReason);
    }

    private static bool Owns(IResolveFieldContext<LiveStream> c) =>
        c.Service<ICurrentUser>().UserId == c.Source.OwnerId;
}

public sealed class LiveStreamEventType : ObjectGraphType<LiveStreamEvent>
{
    public LiveStreamEventType()
    {
        Name = "LiveStreamEvent";
        Description = "A change of a live stream: its status, and its viewer count while live.";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("Unique per event (events are not refetchable).")
            .Resolve(c => GlobalId.Of(NodeTypes.LiveStreamEvent, c.Source.StreamId, c.Source.OccurredAt.UtcTicks));
        Field<LiveStreamType>("liveStream")
            .Description("The stream as it is now.")
            .ResolveAsync(async c => await c.Service<GetLiveStream>().Handle(c.Source.StreamId, c.CancellationToken));
        Field<NonNullGraphType<LiveStreamStatusType>>("status")
            .Description("The status after the change.")
            .Resolve(c => c.Source.Status);
        Field<IntGraphType>("viewerCount")
            .Description("People watching, when the event carries a count.")
            .Resolve(c => c.Source.ViewerCount);
        Field<NonNullGraphType<DateTimeType>>("occurredAt")
            .Description("When the change happened.")
            .Resolve(c => c.Source.OccurredAt);
    }
}
