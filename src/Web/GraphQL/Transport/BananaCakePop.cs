using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using StreamEngine.Web.Endpoints;

namespace StreamEngine.Web.GraphQL.Transport;

/// <summary>Hosts the Banana Cake Pop IDE (installed from npm at build time into wwwroot/ide) under the GraphQL path
/// for browsers, as HotChocolate does: GET /graphql with Accept: text/html redirects to /graphql/, which serves the
/// IDE; /graphql/bcp-config.json tells it to use the URL it was loaded from as its endpoint.</summary>
public static class BananaCakePop
{
    public const string Path = "/graphql";

    public static bool IsBrowserRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return HttpMethods.IsGet(request.Method)
            && !request.Query.ContainsKey("query")
            && MediaTypes.AcceptsHtml(request.Headers.Accept)
            && !request.Headers.Upgrade.Any(v => string.Equals(v, "websocket", StringComparison.OrdinalIgnoreCase));
    }

    public static IApplicationBuilder UseBananaCakePop(this IApplicationBuilder app, IWebHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(environment);
        var enabled = app.ApplicationServices.GetRequiredService<IOptions<GraphQLOptions>>().Value.EnableIde;
        var root = System.IO.Path.Combine(
            environment.WebRootPath ?? System.IO.Path.Combine(environment.ContentRootPath, "wwwroot"),
            "ide"
        );
        var installed = File.Exists(System.IO.Path.Combine(root, "index.html"));
        PhysicalFileProvider? files = installed ? new PhysicalFileProvider(root) : null;

        return app.Use(
            async (context, next) =>
            {
                var request = context.Request;
                if (
                    !enabled
                    || !request.Path.StartsWithSegments(Path, out var rest)
                    || !HttpMethods.IsGet(request.Method)
                )
                {
                    await next(context);
                    return;
                }

                if (!rest.HasValue && IsBrowserRequest(request))
                {
                    context.Response.Redirect(Path + "/" + request.QueryString);
                    return;
                }

                if (rest.Value == "/bcp-config.json")
                {
                    context.Response.Headers.CacheControl = "no-store";
                    await context.Response.WriteAsJsonAsync(
                        new { useBrowserUrlAsEndpoint = true, title = "StreamEngine" }
                    );
                    return;
                }

                if (rest.Value == "/" && IsBrowserRequest(request))
                {
                    if (files is null)
                    {
                        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                        context.Response.ContentType = "text/plain; charset=utf-8";
                        await context.Response.WriteAsync(
                            "Banana Cake Pop is not installed: build src/Web with npm on the PATH (it runs `npm "
                                + "ci` in src/Web)."
                        );
                        return;
                    }

                    context.Response.ContentType = "text/html; charset=utf-8";
                    context.Response.Headers.CacheControl = "no-cache";
                    await context.Response.SendFileAsync(files.GetFileInfo("index.html"));
                    return;
                }

                if (files is not null && rest.HasValue && rest.Value!.Length > 1)
                {
                    var file = files.GetFileInfo(rest.Value);
                    if (file.Exists && !file.IsDirectory)
                    {
                        context.Response.ContentType = ContentTypes.For(file.Name);
                        context.Response.Headers.CacheControl = rest.Value.StartsWith(
                            "/static/",
                            StringComparison.Ordinal
                        )
                            ? "public, max-age=31536000, immutable"
                            : "no-cache";
                        await context.Response.SendFileAsync(file);
                        return;
                    }
                }

                await next(context);
            }
        );
    }
}
