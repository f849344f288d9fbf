using Google.Apis.Auth;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Infrastructure.Identity;

/// <summary>Verifies Google ID tokens with Google.Apis.Auth: RS256 signature against Google's published keys,
/// issuer, audience (one of our client IDs) and expiry.</summary>
// Google.Apis.Auth checks expiry against the system clock (its clock option is internal).
internal sealed class GoogleIdTokenVerifier(IOptions<GoogleOptions> options, ILogger<GoogleIdTokenVerifier> logger)
    : IGoogleIdTokenVerifier
{
    public async Task<GoogleVerification> VerifyAsync(string idToken, CancellationToken ct)
    {
        var settings = options.Value;
        if (settings.ClientIds.Count == 0 || string.IsNullOrWhiteSpace(idToken) || idToken.Length > 8192)
        {
            return new GoogleVerification(null, GoogleTokenProblem.Invalid);
        }

        var verification = new SignedTokenVerificationOptions
        {
            CertificatesUrl = settings.CertificatesUrl.ToString(),
            IssuedAtClockTolerance = TimeSpan.FromSeconds(30),
            ExpiryClockTolerance = TimeSpan.FromSeconds(30),
        };
        foreach (var audience in settings.ClientIds)
        {
            verification.TrustedAudiences.Add(audience);
        }

        foreach (var issuer in settings.Issuers)
        {
            verification.TrustedIssuers.Add(issuer);
        }

        GoogleJsonWebSignature.Payload payload;
        try
        {
            payload = await JsonWebSignature.VerifySignedTokenAsync<GoogleJsonWebSignature.Payload>(
                idToken,
                verification,
                ct
            );
        }
        catch (InvalidJwtException ex)
        {
            logger.LogInformation("Google ID token refused: {Reason}", ex.Message);
            var problem =
                ex.Message.Contains("expired", StringComparison.OrdinalIgnoreCase) ? GoogleTokenProblem.Expired
                : ex.Message.Contains("aud", StringComparison.OrdinalIgnoreCase) ? GoogleTokenProblem.WrongAudience
                : GoogleTokenProblem.Invalid;
            return new GoogleVerification(null, problem);
        }
        catch (Exception ex)
            when (ex
                    is FormatException
                        or ArgumentException
                        or System.Text.Json.JsonException
                        or Newtonsoft.Json.JsonException
            )
        {
            return new GoogleVerification(null, GoogleTokenProblem.Invalid);
        }

        if (string.IsNullOrEmpty(payload.Subject) || string.IsNullOrEmpty(payload.Email))
        {
            return new GoogleVerification(null, GoogleTokenProblem.Invalid);
        }

        var identity = new GoogleIdentity(payload.Subject, payload.Email, payload.EmailVerified, payload.Name);
        return new GoogleVerification(
            identity,
            payload.EmailVerified ? GoogleTokenProblem.None : GoogleTokenProblem.EmailNotVerified
        );
    }
}
