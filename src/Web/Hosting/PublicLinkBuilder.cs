using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Users;
using StreamEngine.Infrastructure.Configuration;

namespace StreamEngine.Web.Hosting;

/// <summary>Links on <c>StreamEngine:PublicBaseUrl</c>; in the embedded default, where it may be empty, on the first
/// address the server listens on. Never on a request's Host header: a client chooses that, and a reset link mailed
/// to a victim must not point at the attacker's host. The links open the web page, which completes the action
/// through the GraphQL API.</summary>
internal sealed class PublicLinkBuilder(IOptions<StreamEngineOptions> options, IServer server)
    : ILinkBuilder,
        IPublicUrls
{
    private Uri? _listening;

    public Uri BaseUrl => Resolve();

    public Uri VerifyEmail(string token) => new(Resolve(), "/?verify-email=" + Uri.EscapeDataString(token));

    public Uri ResetPassword(string token) => new(Resolve(), "/?reset-password=" + Uri.EscapeDataString(token));

    private Uri Resolve()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl))
        {
            return new Uri(options.Value.PublicBaseUrl);
        }

        if (_listening is { } known)
        {
            return known;
        }

        var listening = Listening(server);
        if (server.Features.Get<IServerAddressesFeature>()?.Addresses.Count > 0)
        {
            _listening = listening;
        }

        return listening;
    }

    /// <summary>The first listening address with a wildcard host ("+", "*", 0.0.0.0, [::]) read as localhost;
    /// http://localhost when the server has no addresses (an in-memory test server).</summary>
    internal static Uri Listening(IServer server)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return new Uri("http://localhost");
        }

        foreach (var wildcard in new[] { "://+", "://*", "://0.0.0.0", "://[::]" })
        {
            address = address.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        }

        return Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri : new Uri("http://localhost");
    }
}
