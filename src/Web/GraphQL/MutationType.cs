using GraphQL.Types;
using StreamEngine.Web.GraphQL.Users;

namespace StreamEngine.Web.GraphQL;

public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        AccountMutations.AddTo(this);
    }
}
