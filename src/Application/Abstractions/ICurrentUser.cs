namespace StreamEngine.Application.Abstractions;

/// <summary>Who is calling: set by the transport (HTTP bearer token or WebSocket connection_init) for one
/// request.</summary>
public interface ICurrentUser
{
    Guid? UserId { get; }

    Guid? SessionId { get; }

    /// <summary>The client's address as the trusted-proxy rules resolve it; used for throttling.</summary>
    string ClientAddress { get; }

    bool IsAuthenticated => UserId is not null;
}
