using Microsoft.Extensions.Options;

namespace StreamEngine.Infrastructure.Identity;

/// <summary>The <c>StreamEngine:Auth</c> section: access-token signing.</summary>
public sealed class AuthOptions
{
    public const string Section = "StreamEngine:Auth";

    /// <summary>Base64 HMAC-SHA256 key of at least 32 bytes. Required with Postgres; the embedded default generates
    /// one and keeps it in <c>{DataDirectory}/keys/jwt-signing.key</c>.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "streamengine";

    public string Audience { get; set; } = "streamengine";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>The <c>StreamEngine:Google</c> section: Google sign-in.</summary>
public sealed class GoogleOptions
{
    public const string Section = "StreamEngine:Google";

    /// <summary>OAuth client IDs whose ID tokens are accepted (the token's audience must be one of them). Empty
    /// disables Google sign-in.</summary>
    public IList<string> ClientIds { get; } = [];

    /// <summary>Where Google's signing keys (JWKS) are fetched; only tests change it.</summary>
    public Uri CertificatesUrl { get; set; } = new("https://www.googleapis.com/oauth2/v3/certs");

    public IList<string> Issuers { get; } = ["https://accounts.google.com", "accounts.google.com"];
}

internal sealed class AuthOptionsValidator(IOptions<Persistence.DatabaseOptions> database)
    : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            return database.Value.Provider == Persistence.DatabaseProvider.Postgres
                ? ValidateOptionsResult.Fail(
                    $"{AuthOptions.Section}:SigningKey is required outside the embedded default (base64, at least "
                        + "32 bytes)."
                )
                : ValidateOptionsResult.Success;
        }

        try
        {
            if (Convert.FromBase64String(options.SigningKey).Length < 32)
            {
                return ValidateOptionsResult.Fail(
                    $"{AuthOptions.Section}:SigningKey must decode to at least 32 bytes."
                );
            }
        }
        catch (FormatException)
        {
            return ValidateOptionsResult.Fail($"{AuthOptions.Section}:SigningKey must be base64.");
        }

        if (
            options.AccessTokenLifetime < TimeSpan.FromSeconds(30)
            || options.AccessTokenLifetime > TimeSpan.FromDays(1)
        )
        {
            return ValidateOptionsResult.Fail(
                $"{AuthOptions.Section}:AccessTokenLifetime must be between 30 seconds and 1 day."
            );
        }

        return ValidateOptionsResult.Success;
    }
}
