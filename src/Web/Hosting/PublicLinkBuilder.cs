using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Users;
using StreamEngine.Infrastructure.Configuration;

namespace StreamEngine.Web.Hosting;

/// <summary>Links on <c>StreamEngine:PublicBaseUrl</c>, else on the address the current request came to. They open
/// the demo page, which completes the action through the GraphQL API.</summary>
internal sealed class PublicLinkBuilder(IOptions<StreamEngineOptions> options, IHttpContextAccessor http) : ILinkBuilder, IPublicUrls
{
    public Uri BaseUrl => Resolve();

    public Uri VerifyEmail(string token) => new(Resolve(), "/?verify-email=" + Uri.EscapeDataString(token));

    public Uri ResetPassword(string token) => new(Resolve(), "/?reset-password=" + Uri.EscapeDataString(token));

    private Uri Resolve()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl))
        {
            return new Uri(options.Value.PublicBaseUrl);
        }

        var request = http.HttpContext?.Request;
        return request is null ? new Uri("http://localhost:5000") : new Uri($"{request.Scheme}://{request.Host}");
    }
}
