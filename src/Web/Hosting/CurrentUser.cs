using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Users;

namespace StreamEngine.Web.Hosting;

/// <summary>The caller of one request or one WebSocket connection, filled in by the transport after
/// <see cref="AuthenticateAccessToken"/>.</summary>
public sealed class CurrentUser : ICurrentUser
{
    public Guid? UserId { get; private set; }

    public Guid? SessionId { get; private set; }

    public string ClientAddress { get; set; } = "unknown";

    public void SignIn(TokenPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        UserId = principal.UserId;
        SessionId = principal.SessionId;
    }

    public void CopyFrom(ICurrentUser other)
    {
        ArgumentNullException.ThrowIfNull(other);
        UserId = other.UserId;
        SessionId = other.SessionId;
        ClientAddress = other.ClientAddress;
    }
}
