using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Users;

/// <summary>A signed-in result: the user, a short-lived access token and the session's new refresh token.</summary>
public sealed record AuthResult(User User, AccessToken AccessToken, string RefreshToken, Guid SessionId);

/// <summary>Starts and rotates sessions. A refresh token is the session id and a 256-bit secret; only the hash of
/// the whole token is stored.</summary>
public sealed class SessionIssuer(
    ISessionStore sessions,
    ITokenIssuer tokens,
    IClock clock,
    IOptions<AccountOptions> options
)
{
    public Session Start(User user, string? device, out string refreshToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = clock.UtcNow;
        var session = Session.Start(user.Id, "pending", device, now, options.Value.RefreshTokenLifetime);
        refreshToken = NewRefreshToken(session.Id);
        session.Rotate(SecretTokens.Hash(refreshToken), now, options.Value.RefreshTokenLifetime);
        sessions.AddSession(session);
        return session;
    }

    internal string Rotate(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var refreshToken = NewRefreshToken(session.Id);
        session.Rotate(SecretTokens.Hash(refreshToken), clock.UtcNow, options.Value.RefreshTokenLifetime);
        return refreshToken;
    }

    internal AuthResult Result(User user, Session session, string refreshToken) =>
        new(user, tokens.IssueAccessToken(user, session), refreshToken, session.Id);

    /// <summary>The session id a refresh token names, or null when it is not one of ours.</summary>
    public static Guid? SessionIdOf(string? refreshToken)
    {
        if (string.IsNullOrWhiteSpace(refreshToken) || refreshToken.Length > 128)
        {
            return null;
        }

        var bytes = SecretTokens.FromBase64Url(refreshToken.Trim());
        return bytes is { Length: 48 } ? new Guid(bytes.AsSpan(0, 16)) : null;
    }

    private static string NewRefreshToken(Guid sessionId)
    {
        Span<byte> bytes = stackalloc byte[48];
        sessionId.TryWriteBytes(bytes[..16]);
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes[16..]);
        return SecretTokens.Base64Url(bytes);
    }
}
