using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Users;
using StreamEngine.Infrastructure.Configuration;
using StreamEngine.Infrastructure.Identity;
using StreamEngine.TestSupport;

namespace StreamEngine.Infrastructure.Tests;

public sealed class IdentityAdapterTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly TestClock _clock = new();

    public void Dispose() => _data.Dispose();

    private JwtTokenIssuer Issuer(string? key = null) =>
        new(Options.Create(new AuthOptions { SigningKey = key }), _clock, new DataDirectory(_data.Path));

    private static (User User, Session Session) Principal()
    {
        Assert.True(EmailAddress.TryParse("jwt@example.com", out var email));
        Assert.True(Handle.TryParse("jwt_user", out var handle));
        var user = User.Register(email, handle, "Jwt", "hash", DateTimeOffset.UtcNow);
        return (user, Session.Start(user.Id, "h", null, DateTimeOffset.UtcNow, TimeSpan.FromDays(1)));
    }

    [Fact]
    public async Task An_issued_access_token_proves_its_user_and_session()
    {
        var (user, session) = Principal();
        var issuer = Issuer();

        var token = issuer.IssueAccessToken(user, session);
        var check = await issuer.ValidateAccessTokenAsync(token.Value, default);

        Assert.Equal(new TokenPrincipal(user.Id, session.Id), check.Principal);
        Assert.Equal(_clock.UtcNow.AddMinutes(15).ToUnixTimeSeconds(), token.ExpiresAt.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task The_generated_signing_key_is_kept_so_tokens_survive_a_restart()
    {
        var (user, session) = Principal();
        var token = Issuer().IssueAccessToken(user, session);

        var check = await Issuer().ValidateAccessTokenAsync(token.Value, default);

        Assert.NotNull(check.Principal);
    }

    [Fact]
    public async Task An_expired_token_says_it_expired()
    {
        var (user, session) = Principal();
        var issuer = Issuer();
        var token = issuer.IssueAccessToken(user, session);
        _clock.Advance(TimeSpan.FromMinutes(16));

        var check = await issuer.ValidateAccessTokenAsync(token.Value, default);

        Assert.Null(check.Principal);
        Assert.True(check.Expired);
    }

    [Fact]
    public async Task Tampered_foreign_and_unsigned_tokens_are_invalid()
    {
        var (user, session) = Principal();
        var issuer = Issuer();
        var token = issuer.IssueAccessToken(user, session).Value;
        var parts = token.Split('.');
        var payload = System
            .Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace(user.Id.ToString(), Guid.NewGuid().ToString(), StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload)}.{parts[2]}";
        var noneHeader = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        var unsigned = $"{noneHeader}.{parts[1]}.";
        var foreign = Issuer(Convert.ToBase64String(new byte[48])).IssueAccessToken(user, session).Value;

        foreach (var bad in new[] { tampered, unsigned, foreign, "x.y.z", string.Empty })
        {
            var check = await issuer.ValidateAccessTokenAsync(bad, default);
            Assert.Null(check.Principal);
            Assert.False(check.Expired);
        }
    }

    [Fact]
    public void Passwords_are_hashed_with_identity_v3_at_least_100000_iterations_and_verify()
    {
        var options = Options.Create(
            new PasswordHasherOptions
            {
                CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
                IterationCount = 100_000,
            }
        );
        var hasher = new IdentityPasswordHasher(options);

        var hash = hasher.Hash("violet-harbour-29");
        var bytes = Convert.FromBase64String(hash);

        Assert.Equal(0x01, bytes[0]);
        Assert.Equal(100_000, (bytes[5] << 24) | (bytes[6] << 16) | (bytes[7] << 8) | bytes[8]);
        Assert.Equal(PasswordCheck.Success, hasher.Verify(hash, "violet-harbour-29"));
        Assert.Equal(PasswordCheck.Failed, hasher.Verify(hash, "violet-harbour-28"));
        Assert.NotEqual(hash, hasher.Hash("violet-harbour-29"));
    }
}
