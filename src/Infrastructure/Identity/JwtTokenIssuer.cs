using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Users;
using StreamEngine.Infrastructure.Configuration;

namespace StreamEngine.Infrastructure.Identity;

/// <summary>HS256 JWT access tokens carrying the user id (<c>sub</c>) and the session id (<c>sid</c>).</summary>
internal sealed class JwtTokenIssuer : ITokenIssuer
{
    private readonly AuthOptions _options;
    private readonly IClock _clock;
    private readonly SymmetricSecurityKey _key;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public JwtTokenIssuer(IOptions<AuthOptions> options, IClock clock, DataDirectory dataDirectory)
    {
        _options = options.Value;
        _clock = clock;
        _key = new SymmetricSecurityKey(LoadKey(_options, dataDirectory)) { KeyId = "streamengine-hs256" };
    }

    public AccessToken IssueAccessToken(User user, Session session)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(session);
        var now = _clock.UtcNow;
        var expires = now + _options.AccessTokenLifetime;
        var token = _handler.CreateToken(
            new SecurityTokenDescriptor
            {
                Issuer = _options.Issuer,
                Audience = _options.Audience,
                IssuedAt = now.UtcDateTime,
                NotBefore = now.UtcDateTime,
                Expires = expires.UtcDateTime,
                Subject = new ClaimsIdentity([
                    new Claim(JwtRegisteredClaimNames.Sub, user.Id.ToString()),
                    new Claim(JwtRegisteredClaimNames.Sid, session.Id.ToString()),
                    new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
                ]),
                SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
            }
        );
        return new AccessToken(token, expires);
    }

    public async Task<AccessTokenCheck> ValidateAccessTokenAsync(string token, CancellationToken ct)
    {
        var result = await _handler.ValidateTokenAsync(
            token,
            new TokenValidationParameters
            {
                ValidIssuer = _options.Issuer,
                ValidAudience = _options.Audience,
                IssuerSigningKey = _key,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                ClockSkew = TimeSpan.FromSeconds(5),
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                LifetimeValidator = (notBefore, expires, _, _) =>
                {
                    var now = _clock.UtcNow.UtcDateTime;
                    return expires is { } e
                        && e.AddSeconds(5) > now
                        && (notBefore is null || notBefore.Value.AddSeconds(-5) <= now);
                },
            }
        );
        if (!result.IsValid)
        {
            return new AccessTokenCheck(
                null,
                result.Exception is SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException
            );
        }

        var claims = result.Claims;
        return
            claims.TryGetValue(JwtRegisteredClaimNames.Sub, out var sub)
            && Guid.TryParse(sub as string, out var userId)
            && claims.TryGetValue(JwtRegisteredClaimNames.Sid, out var sid)
            && Guid.TryParse(sid as string, out var sessionId)
            ? new AccessTokenCheck(new TokenPrincipal(userId, sessionId), false)
            {
                ExpiresAt = new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero),
            }
            : AccessTokenCheck.Invalid;
    }

    private static byte[] LoadKey(AuthOptions options, DataDirectory dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            return Convert.FromBase64String(options.SigningKey);
        }

        return SecretKeyFile.LoadOrCreate(dataDirectory, "jwt-signing.key");
    }
}
