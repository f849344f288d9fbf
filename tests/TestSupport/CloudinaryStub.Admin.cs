using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace StreamEngine.TestSupport;

/// <summary>The Admin API's resource details, as the reconciler reads them.</summary>
public sealed partial class CloudinaryStub
{
    /// <summary>Eager transformations Cloudinary has finished, by public id (the Admin API lists them as
    /// <c>derived</c>).</summary>
    public ConcurrentDictionary<string, string> Derived { get; } = new();

    /// <summary>The Admin API's resource details: HTTP Basic with the API key and secret.</summary>
    private IResult Resource(HttpContext context, string cloud, string type, string publicId)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ApiKey}:{ApiSecret}"));
        Requests.Enqueue(
            new StubRequest(
                "resource",
                new Dictionary<string, string> { ["public_id"] = publicId, ["type"] = type },
                context.Request.Headers.ToDictionary(
                    h => h.Key,
                    h => h.Value.ToString(),
                    StringComparer.OrdinalIgnoreCase
                ),
                0
            )
        );
        if (cloud != CloudName || context.Request.Headers.Authorization.ToString() != "Basic " + basic)
        {
            return Error(401, "Invalid credentials");
        }

        if (!Assets.ContainsKey(publicId))
        {
            return Error(404, "Resource not found - " + publicId);
        }

        object[] derived = Derived.TryGetValue(publicId, out var transformation)
            ?
            [
                new
                {
                    transformation,
                    format = "m3u8",
                    bytes = 1024,
                    id = "d1",
                    secure_url = $"https://{HlsPath(transformation, publicId)}",
                },
            ]
            : [];
        return Results.Json(
            new
            {
                public_id = publicId,
                resource_type = "video",
                type,
                derived,
            }
        );
    }
}
