using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;

namespace StreamEngine.Application.Users;

/// <summary>A valid access token's principal and its expiry.</summary>
public sealed record AuthenticatedToken(TokenPrincipal Principal, DateTimeOffset ExpiresAt);

/// <summary>Turns a bearer access token into a principal: valid signature and lifetime, and a session that is still
/// active (so logout and password changes take effect at once, not when the token expires).</summary>
public sealed class AuthenticateAccessToken(ITokenIssuer tokens, CheckSession session)
{
    /// <summary>The principal, with the moment the token stops being valid (a long-lived connection closes then
    /// unless it is given a new one).</summary>
    public async Task<Result<AuthenticatedToken>> Handle(string? authorization, CancellationToken ct)
    {
        var token = ExtractBearer(authorization);
        if (token is null)
        {
            return AccountErrors.TokenInvalid;
        }

        var check = await tokens.ValidateAccessTokenAsync(token, ct);
        if (check.Principal is null)
        {
            return check.Expired ? AccountErrors.TokenExpired : AccountErrors.TokenInvalid;
        }

        if (!await session.Handle(check.Principal, ct))
        {
            return AccountErrors.TokenInvalid with { Message = "The session of this token has ended; sign in again." };
        }

        return new AuthenticatedToken(check.Principal, check.ExpiresAt ?? DateTimeOffset.MaxValue);
    }

    /// <summary>Accepts "Bearer xyz" (any case) or a bare token, as WebSocket clients often send.</summary>
    public static string? ExtractBearer(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (
            trimmed.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || trimmed.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
        )
        {
            trimmed = trimmed[6..].Trim();
        }

        return trimmed.Length is 0 or > 4096 ? null : trimmed;
    }
}
