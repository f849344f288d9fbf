using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;

namespace StreamEngine.Web.Hosting.Authentication;

/// <summary>Our access tokens as an ASP.NET Core authentication scheme. The GraphQL HTTP endpoint and the WebSocket
/// upgrade both authenticate through it (<c>HttpContext.AuthenticateAsync(SchemeName)</c>), so a header token means the
/// same on both: a valid signature and lifetime, and a session that is still active. A token a WebSocket client sends
/// in <c>connection_init</c> instead goes through the same use case, <see cref="AuthenticateAccessToken"/>.</summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IServiceScopeFactory scopes
) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    private const string SessionClaim = "sid";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return AuthenticateResult.NoResult();
        }

        // In a scope of its own: the database context the check needs goes back to the pool at once, instead of
        // living as long as the request, which for a WebSocket is the whole connection.
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope
            .ServiceProvider.GetRequiredService<AuthenticateAccessToken>()
            .Handle(header, Context.RequestAborted);
        if (!result.Succeeded)
        {
            return AuthenticateResult.Fail(new BearerTokenRejectedException(result.Errors[0]));
        }

        var (principal, expiresAt) = (result.Value.Principal, result.Value.ExpiresAt);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, principal.UserId.ToString()),
                new Claim(SessionClaim, principal.SessionId.ToString()),
            ],
            SchemeName
        );
        var properties = new AuthenticationProperties { ExpiresUtc = expiresAt };
        return AuthenticateResult.Success(
            new AuthenticationTicket(new ClaimsPrincipal(identity), properties, SchemeName)
        );
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = SchemeName;
        return Task.CompletedTask;
    }

    /// <summary>The token's principal and expiry from a successful result.</summary>
    public static AuthenticatedToken TokenOf(AuthenticateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var user = result.Principal!;
        var principal = new TokenPrincipal(
            Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture),
            Guid.Parse(user.FindFirstValue(SessionClaim)!, CultureInfo.InvariantCulture)
        );
        return new AuthenticatedToken(principal, result.Properties?.ExpiresUtc ?? DateTimeOffset.MaxValue);
    }

    /// <summary>Why a presented token was refused (TOKEN_INVALID, TOKEN_EXPIRED), for the transport to answer
    /// with.</summary>
    public static Error? RefusalOf(AuthenticateResult result) =>
        result?.Failure is BearerTokenRejectedException rejected ? rejected.Error : null;

    /// <summary>Answers a refused token the way every HTTP endpoint of ours does: 401 with the RFC 6750
    /// header.</summary>
    public static void Challenge(HttpResponse response, Error error)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(error);
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{error.Message}\"";
    }
}

/// <summary>A presented bearer token that was refused, with the use case's reason.</summary>
internal sealed class BearerTokenRejectedException : Exception
{
    public BearerTokenRejectedException(Error error)
        : base(error?.Message) => Error = error!;

    public BearerTokenRejectedException()
        : this(AccountErrors.TokenInvalid) { }

    public BearerTokenRejectedException(string message)
        : this(AccountErrors.TokenInvalid with { Message = message }) { }

    public BearerTokenRejectedException(string message, Exception inner)
        : base(message, inner) => Error = AccountErrors.TokenInvalid with { Message = message };

    public Error Error { get; }
}
