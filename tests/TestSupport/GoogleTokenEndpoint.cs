using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace StreamEngine.TestSupport;

/// <summary>Google cannot be reached here: this stands in for its certificate endpoint (a JWKS document, as at
/// https://www.googleapis.com/oauth2/v3/certs) on loopback, and signs ID tokens shaped like Google's with a test RSA
/// key. Contract-tested only.</summary>
public sealed class GoogleTokenEndpoint : IAsyncDisposable
{
    public const string ClientId = "1234567890-streamengine-test.apps.googleusercontent.com";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key;

    private GoogleTokenEndpoint(WebApplication app, RsaSecurityKey key)
    {
        _app = app;
        _key = key;
    }

    public Uri CertificatesUrl { get; private set; } = null!;

    /// <summary>Each request the verifier made: method and path.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<GoogleTokenEndpoint> StartAsync()
    {
        var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = "test-key-" + Guid.NewGuid().ToString("N")[..8] };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var endpoint = new GoogleTokenEndpoint(app, key);
        app.MapGet(
            "/oauth2/v3/certs",
            (HttpContext context) =>
            {
                endpoint.Requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
                var parameters = rsa.ExportParameters(false);
                var jwks = new
                {
                    keys = new[]
                    {
                        new
                        {
                            kty = "RSA",
                            alg = "RS256",
                            use = "sig",
                            kid = key.KeyId,
                            n = Base64UrlEncoder.Encode(parameters.Modulus),
                            e = Base64UrlEncoder.Encode(parameters.Exponent),
                        },
                    },
                };
                context.Response.Headers.CacheControl = "public, max-age=19800, must-revalidate, no-transform";
                return Results.Json(jwks);
            }
        );
        await app.StartAsync();
        var address = app
            .Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        // Google.Apis.Auth caches key sets per URL for the whole process: a port reused by a later endpoint (with its
        // own key) would be answered from an earlier one's keys, so each endpoint's URL names its key.
        endpoint.CertificatesUrl = new Uri(new Uri(address), "/oauth2/v3/certs?key=" + key.KeyId);
        return endpoint;
    }

    public IDictionary<string, string?> ServerSettings() =>
        new Dictionary<string, string?>
        {
            ["StreamEngine:Google:ClientIds:0"] = ClientId,
            ["StreamEngine:Google:CertificatesUrl"] = CertificatesUrl.ToString(),
        };

    /// <summary>An ID token with Google's claims; override any of them to make it wrong.</summary>
    public string IdToken(
        string subject,
        string email,
        bool emailVerified = true,
        string? name = "Test Person",
        string audience = ClientId,
        DateTimeOffset? expires = null,
        string issuer = "https://accounts.google.com",
        RsaSecurityKey? signWith = null
    )
    {
        var now = DateTimeOffset.UtcNow;
        var exp = expires ?? now.AddMinutes(30);
        var claims = new Dictionary<string, object>
        {
            ["sub"] = subject,
            ["email"] = email,
            ["email_verified"] = emailVerified,
            ["azp"] = audience,
        };
        if (name is not null)
        {
            claims["name"] = name;
        }

        return new JsonWebTokenHandler().CreateToken(
            new SecurityTokenDescriptor
            {
                Issuer = issuer,
                Audience = audience,
                IssuedAt = (exp < now ? exp.AddHours(-1) : now).UtcDateTime,
                NotBefore = (exp < now ? exp.AddHours(-1) : now).UtcDateTime,
                Expires = exp.UtcDateTime,
                Claims = claims,
                Subject = new ClaimsIdentity(),
                SigningCredentials = new SigningCredentials(signWith ?? _key, SecurityAlgorithms.RsaSha256),
            }
        );
    }

    public static RsaSecurityKey ForeignKey(string keyId) => new(RSA.Create(2048)) { KeyId = keyId };

    public string KeyId => _key.KeyId;

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _rsa.Dispose();
    }
}
