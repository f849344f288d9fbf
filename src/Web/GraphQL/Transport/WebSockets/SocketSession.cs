using System.Net.WebSockets;
using System.Text.Json;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Users;

namespace StreamEngine.Web.GraphQL.Transport.WebSockets;

/// <summary>Why a connection is being closed.</summary>
internal sealed record SocketRefusal(WebSocketCloseStatus Code, string Reason)
{
    public static SocketRefusal Forbidden(string code) => new((WebSocketCloseStatus)4403, "Forbidden: " + code);
}

/// <summary>Who a WebSocket connection acts for, and until when: the principal of the access token it was given, which
/// counts only while its session is active and the token has not expired. Anonymous connections have none. A token
/// the upgrade request carried in its Authorization header (already checked) stands in for one in the init
/// payload.</summary>
internal sealed class SocketSession(IServiceScopeFactory scopes, IClock clock, AuthenticatedToken? upgradeToken = null)
{
    /// <summary>How long a read of the session stands for the operations that follow: ended sessions are pushed at
    /// once, so this only bounds the store reads a client can cause by sending operations quickly.</summary>
    public static readonly TimeSpan ReadValidFor = TimeSpan.FromSeconds(5);

    /// <summary>Least time between two token renewals of one connection.</summary>
    public static readonly TimeSpan RenewalInterval = TimeSpan.FromSeconds(10);

    // Far enough in the past that any interval has passed, and far enough from long.MinValue not to overflow.
    private long _lastRead = long.MinValue / 2;
    private long _lastRenewal = long.MinValue / 2;

    public TokenPrincipal? Principal { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; } = DateTimeOffset.MaxValue;

    /// <summary>Signs in with the token in a <c>connection_init</c> payload (none: stays anonymous). The admission
    /// check (connections per user) runs once the user is known.</summary>
    public async Task<SocketRefusal?> SignInAsync(
        JsonElement payload,
        Func<Guid, Task<SocketRefusal?>> admit,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(admit);
        var token = TokenIn(payload);
        if (string.IsNullOrWhiteSpace(token) && upgradeToken is null)
        {
            return null;
        }

        var result = string.IsNullOrWhiteSpace(token) ? upgradeToken! : await AuthenticateAsync(token, ct);
        if (!result.Succeeded)
        {
            return SocketRefusal.Forbidden(result.Errors[0].Code);
        }

        if (await admit(result.Value.Principal.UserId) is { } refused)
        {
            return refused;
        }

        (Principal, ExpiresAt) = (result.Value.Principal, result.Value.ExpiresAt);
        _lastRead = Environment.TickCount64;
        return null;
    }

    /// <summary>Replaces the token with a fresh one of the same user (the <c>authenticate</c> message).</summary>
    public async Task<SocketRefusal?> RenewAsync(JsonElement payload, CancellationToken ct)
    {
        if (Principal is null)
        {
            return new SocketRefusal(
                (WebSocketCloseStatus)4401,
                "Unauthorized: authenticate renews the token of a signed-in connection"
            );
        }

        var now = Environment.TickCount64;
        if (now - _lastRenewal < (long)RenewalInterval.TotalMilliseconds)
        {
            return new SocketRefusal((WebSocketCloseStatus)4429, "Too many authenticate messages");
        }

        _lastRenewal = now;
        var result = await AuthenticateAsync(TokenIn(payload), ct);
        if (!result.Succeeded || result.Value.Principal.UserId != Principal.UserId)
        {
            return SocketRefusal.Forbidden(result.Succeeded ? "ANOTHER_USER" : result.Errors[0].Code);
        }

        (Principal, ExpiresAt) = (result.Value.Principal, result.Value.ExpiresAt);
        return null;
    }

    /// <summary>Null while the connection may go on acting for its user (or is anonymous); else why not. With
    /// <paramref name="expiryOnly"/> the session is not read from the store.</summary>
    public async Task<SocketRefusal?> CheckAsync(CancellationToken ct, bool expiryOnly = false)
    {
        if (Principal is not { } principal)
        {
            return null;
        }

        if (clock.UtcNow >= ExpiresAt)
        {
            return SocketRefusal.Forbidden("TOKEN_EXPIRED");
        }

        var now = Environment.TickCount64;
        if (expiryOnly || now - _lastRead < (long)ReadValidFor.TotalMilliseconds)
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        if (!await scope.ServiceProvider.GetRequiredService<CheckSession>().Handle(principal, ct))
        {
            return SocketRefusal.Forbidden("SESSION_ENDED");
        }

        _lastRead = now;
        return null;
    }

    public bool EndedBy(SessionsEnded ended) =>
        Principal is { } principal && ended is not null && ended.Covers(principal.UserId, principal.SessionId);

    private async Task<Application.Common.Result<AuthenticatedToken>> AuthenticateAsync(
        string? token,
        CancellationToken ct
    )
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuthenticateAccessToken>().Handle(token, ct);
    }

    /// <summary>The bearer token in an init or authenticate payload: Authorization, authorization, token,
    /// accessToken, or headers.Authorization (as HTTP clients send it in the Authorization header).</summary>
    private static string? TokenIn(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var name in new[] { "Authorization", "authorization", "token", "accessToken" })
        {
            if (payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }
        }

        return
            payload.TryGetProperty("headers", out var headers)
            && headers.ValueKind == JsonValueKind.Object
            && headers.TryGetProperty("Authorization", out var header)
            && header.ValueKind == JsonValueKind.String
            ? header.GetString()
            : null;
    }
}
