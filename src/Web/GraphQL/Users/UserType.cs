using GraphQL.Types;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Users;
using StreamEngine.Web.GraphQL.Channels;
using StreamEngine.Web.GraphQL.Common;
using StreamEngine.Web.GraphQL.Nodes;

namespace StreamEngine.Web.GraphQL.Users;

/// <summary>An account as anyone sees it; what only its owner sees is on <see cref="ViewerType"/>.</summary>
public sealed class UserType : ObjectGraphType<User>
{
    public UserType()
    {
        Name = "User";
        Description = "An account as anyone sees it. The signed-in account's private fields are on Viewer.";
        this.AddNodeId(NodeTypes.User, u => u.Id);
        Field(u => u.Handle).Description("Unique public name, as in @handle.");
        Field(u => u.DisplayName).Description("The name shown for the account.");
        Field(u => u.Bio, nullable: true).Description("A few words about the account, or null.");
        Field<NonNullGraphType<DateTimeType>>("createdAt")
            .Description("When the account was created.")
            .Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<ChannelType>>("channel")
            .Description("This user's public channel.")
            .Resolve(c => new ChannelView(c.Source));
    }
}
