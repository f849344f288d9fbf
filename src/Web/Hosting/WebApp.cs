using Microsoft.Net.Http.Headers;

namespace StreamEngine.Web.Hosting;

/// <summary>The reference web app (built by vite from <c>src/Web/app</c> into wwwroot at build time) at <c>/</c>, the
/// demo page at <c>/demo/</c>. Hashed bundles under <c>/assets/</c> are cached for a year; pages are revalidated.
/// Without npm at build time there is no app: <c>/</c> then says so and links what does exist.</summary>
internal static class WebApp
{
    private const string NotBuilt = """
        <!doctype html><html lang="en"><meta charset="utf-8"><title>StreamEngine</title>
        <main><h1>StreamEngine</h1><p>The web app is built from <code>src/Web/app</code> with npm at build time, and
        npm was not found when this server was built. The API works without it.</p>
        <ul><li><a href="/graphql/">GraphQL IDE</a></li><li><a href="/demo/">Demo page</a></li>
        <li><a href="/health/ready">Health</a></li></ul></main></html>
        """;

    public static IApplicationBuilder UseWebApp(this IApplicationBuilder app, IWebHostEnvironment environment)
    {
        var root = environment.WebRootPath ?? Path.Combine(environment.ContentRootPath, "wwwroot");
        var built = File.Exists(Path.Combine(root, "index.html"));
        if (!built)
        {
            app.Use(
                async (context, next) =>
                {
                    if (context.Request.Path == "/" && HttpMethods.IsGet(context.Request.Method))
                    {
                        context.Response.ContentType = "text/html; charset=utf-8";
                        await context.Response.WriteAsync(NotBuilt);
                        return;
                    }

                    await next(context);
                }
            );
        }

        app.UseDefaultFiles();
        return app.UseStaticFiles(
            new StaticFileOptions
            {
                OnPrepareResponse = context =>
                {
                    var headers = context.Context.Response.Headers;
                    if (context.Context.Request.Path.StartsWithSegments("/assets"))
                    {
                        headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
                    }
                    else if (context.File.Name.EndsWith(".html", StringComparison.Ordinal))
                    {
                        headers[HeaderNames.CacheControl] = "no-cache";
                    }
                },
            }
        );
    }
}
