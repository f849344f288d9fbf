using GraphQL;
using GraphQL.Types;
using StreamEngine.Application.Users;
using StreamEngine.Web.GraphQL.Common;

namespace StreamEngine.Web.GraphQL.Users;

/// <summary>Deleting an account with everything it has.</summary>
public static class AccountDeletionFields
{
    public static void AddMutations(ObjectGraphType mutation)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        mutation
            .Field<NonNullGraphType<DeleteAccountPayloadType>>("deleteAccount")
            .Description(
                "Deletes your account with everything it has: videos and their files, comments, likes, playlists, "
                    + "subscriptions, history, sessions. Password accounts confirm with the password."
            )
            .Argument<StringGraphType>("password")
            .ResolveAsync(async c =>
                Payloads.Of(
                    await c.Service<DeleteAccount>().Handle(c.GetArgument<string?>("password"), c.CancellationToken)
                )
            );
    }
}

public sealed class DeleteAccountPayloadType()
    : PayloadGraphType<IdGraphType, Guid>("DeleteAccountPayload", "deletedUserId");
