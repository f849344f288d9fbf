using GraphQL;
using GraphQL.Types;
using StreamEngine.Application.Users;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Users;
using StreamEngine.Web.GraphQL.Videos;

namespace StreamEngine.Web.GraphQL;

public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        Field<NonNullGraphType<ServerInfoType>>("serverInfo")
            .Description("Facts about this server that a client may adapt to.")
            .Resolve(_ => ServerInfo.Current);
        Field<UserType>("me")
            .Description("The signed-in user; null when anonymous.")
            .ResolveAsync(async c => await c.Service<GetMe>().Handle(c.CancellationToken));
        Field<UserType>("user")
            .Description("A user by handle.")
            .Argument<NonNullGraphType<StringGraphType>>("handle")
            .ResolveAsync(async c =>
                await c.Service<GetUserByHandle>().Handle(c.GetArgument<string>("handle"), c.CancellationToken)
            );
        VideoFields.AddQueries(this);
        Channels.ChannelFields.AddQueries(this);
        Engagement.EngagementFields.AddQueries(this);
        Playlists.PlaylistFields.AddQueries(this);
    }
}

public sealed record ServerInfo(string Name, string Version)
{
    public static readonly ServerInfo Current = new(
        "StreamEngine",
        typeof(ServerInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"
    );
}

public sealed class ServerInfoType : ObjectGraphType<ServerInfo>
{
    public ServerInfoType()
    {
        Name = "ServerInfo";
        Field(x => x.Name);
        Field(x => x.Version);
    }
}
