using GraphQL.Types;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Users;
using StreamEngine.Domain.Users;
using StreamEngine.Web.GraphQL.Channels;
using StreamEngine.Web.GraphQL.Common;

namespace StreamEngine.Web.GraphQL.Users;

public sealed class UserType : ObjectGraphType<User>
{
    public UserType()
    {
        Name = "User";
        Description = "An account. Its e-mail address is visible to its owner only.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field(u => u.Handle).Description("Unique public name, as in @handle.");
        Field(u => u.DisplayName);
        Field(u => u.Bio, nullable: true);
        Field<NonNullGraphType<DateTimeType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<StringGraphType>("email")
            .Description("The account's e-mail address; null unless you are this user.")
            .Resolve(c => UserAccess.MaySeeEmail(c.Source, c.Service<ICurrentUser>().UserId) ? c.Source.Email : null);
        Field<BooleanGraphType>("emailVerified")
            .Description("Whether the e-mail address is verified; null unless you are this user.")
            .Resolve(c =>
                UserAccess.MaySeeEmail(c.Source, c.Service<ICurrentUser>().UserId) ? c.Source.IsEmailVerified : null
            );
        Field<BooleanGraphType>("hasPassword")
            .Description("Whether the account can sign in with a password; null unless you are this user.")
            .Resolve(c =>
                UserAccess.MaySeeEmail(c.Source, c.Service<ICurrentUser>().UserId)
                    ? c.Source.PasswordHash is not null
                    : null
            );
        Field<BooleanGraphType>("watchHistoryPaused")
            .Description("Whether viewings are kept out of the watch history; null unless you are this user.")
            .Resolve(c =>
                UserAccess.MaySeeEmail(c.Source, c.Service<ICurrentUser>().UserId) ? c.Source.WatchHistoryPaused : null
            );
        Field<NonNullGraphType<ChannelType>>("channel")
            .Description("This user's public channel.")
            .Resolve(c => c.Source);
        Field<BooleanGraphType>("googleLinked")
            .Description("Whether Google sign-in is linked; null unless you are this user.")
            .Resolve(c =>
                UserAccess.MaySeeEmail(c.Source, c.Service<ICurrentUser>().UserId)
                    ? c.Source.GoogleSubject is not null
                    : null
            );
    }
}
