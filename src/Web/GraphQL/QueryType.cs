using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Users;
using StreamEngine.Infrastructure.Identity;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Nodes;
using StreamEngine.Web.GraphQL.Users;
using StreamEngine.Web.GraphQL.Videos;

namespace StreamEngine.Web.GraphQL;

public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        Description = "What can be read: the signed-in viewer, any object by id, videos, channels and playlists.";
        Field<NonNullGraphType<ServerInfoType>>("serverInfo")
            .Description("Facts about this server that a client may adapt to.")
            .Resolve(c =>
                ServerInfo.Current with
                {
                    GoogleClientId = c.Service<IOptions<GoogleOptions>>().Value.ClientIds.FirstOrDefault(),
                }
            );
        Field<ViewerType>("viewer")
            .Description("The signed-in account; null when anonymous.")
            .ResolveAsync(async c =>
                await c.Service<GetMe>().Handle(c.CancellationToken) is { } user ? new ViewerView(user) : null
            );
        Field<UserType>("user")
            .Description("A user by handle.")
            .Argument<NonNullGraphType<StringGraphType>>("handle", "The handle, without the @.")
            .ResolveAsync(async c =>
                await c.Service<GetUserByHandle>().Handle(c.GetArgument<string>("handle"), c.CancellationToken)
            );
        NodeFields.AddQueries(this);
        VideoFields.AddQueries(this);
        Channels.ChannelFields.AddQueries(this);
        Engagement.EngagementFields.AddQueries(this);
        Playlists.PlaylistFields.AddQueries(this);
        Live.LiveFields.AddQueries(this);
    }
}

public sealed record ServerInfo(string Name, string Version)
{
    public string? GoogleClientId { get; init; }

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
        Description = "What this server is.";
        Field(x => x.Name).Description("The product's name.");
        Field(x => x.Version).Description("The server's version (major.minor.patch).");
        Field(x => x.GoogleClientId, nullable: true)
            .Description(
                "The OAuth client id a browser passes to Google Identity Services to get an ID token for "
                    + "signInWithGoogle; null when Google sign-in is off. Public by design: every sign-in page "
                    + "shows it."
            );
    }
}
