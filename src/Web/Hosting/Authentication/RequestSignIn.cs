using Microsoft.AspNetCore.Authentication;
using StreamEngine.Application.Common;

namespace StreamEngine.Web.Hosting.Authentication;

/// <summary>Signs an HTTP request's caller in (the GraphQL endpoint, the tus endpoint).</summary>
internal static class RequestSignIn
{
    /// <summary>Signs the request's caller in through the bearer scheme; the refusal when a token was presented and
    /// refused (an absent token is anonymous).</summary>
    public static async Task<Error?> SignInAsync(HttpContext context)
    {
        var currentUser = context.RequestServices.GetRequiredService<CurrentUser>();
        currentUser.ClientAddress = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var result = await context.AuthenticateAsync(BearerTokenHandler.SchemeName);
        if (BearerTokenHandler.RefusalOf(result) is { } refusal)
        {
            return refusal;
        }

        if (result.Succeeded)
        {
            context.User = result.Principal;
            currentUser.SignIn(BearerTokenHandler.TokenOf(result).Principal);
        }

        return null;
    }
}
