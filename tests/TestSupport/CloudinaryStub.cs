using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace StreamEngine.TestSupport;

/// <summary>A local stand-in for Cloudinary's Upload API (which cannot be reached here). It checks each request as
/// Cloudinary documents it (api_key, timestamp, the signature recomputed here independently of our client, chunk
/// headers and contiguous Content-Range) and answers in the documented shapes. Contract-tested only.</summary>
public sealed partial class CloudinaryStub : IAsyncDisposable
{
    /// <summary>The asset version in every URL the stub answers.</summary>
    private const string Version = "v1795600000";

    private static string HlsPath(string transformation, string publicId) =>
        $"res.cloudinary.com/{CloudName}/video/upload/{transformation}/{Version}/{publicId}.m3u8";

    public const string CloudName = "demo-cloud";
    public const string ApiKey = "614335564976464";
    public const string ApiSecret = "3Sf3L4ZG1ULiHn-h2KBDLB0cDlt";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, MemoryStream> _chunks = new();

    private CloudinaryStub(WebApplication app, bool sha256)
    {
        _app = app;
        Sha256 = sha256;
    }

    public Uri Url { get; private set; } = null!;

    public bool Sha256 { get; }

    /// <summary>Answer the next upload requests with this status and error message (throttling, outages).</summary>
    public ConcurrentQueue<(int Status, string Message)> Failures { get; } = new();

    /// <summary>Every request: the action, its form fields and headers.</summary>
    public ConcurrentQueue<StubRequest> Requests { get; } = new();

    /// <summary>Assets uploaded in full, by public id, with their bytes.</summary>
    public ConcurrentDictionary<string, byte[]> Assets { get; } = new();

    public static async Task<CloudinaryStub> StartAsync(bool sha256 = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 200 * 1024 * 1024);
        var app = builder.Build();
        var stub = new CloudinaryStub(app, sha256);
        app.MapPost("/v1_1/{cloud}/video/{action}", (Delegate)stub.HandleAsync);
        app.MapGet("/v1_1/{cloud}/resources/video/{type}/{**publicId}", (Delegate)stub.Resource);
        await app.StartAsync();
        stub.Url = new Uri(
            app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/"
        );
        return stub;
    }

    /// <summary>The signature of API parameters as Cloudinary's documentation spells it.</summary>
    public string SignParameters(IEnumerable<KeyValuePair<string, string>> fields) =>
        Hex(
            string.Join(
                "&",
                fields
                    .Where(f => f.Key is not ("file" or "api_key" or "resource_type" or "cloud_name" or "signature"))
                    .OrderBy(f => f.Key, StringComparer.Ordinal)
                    .Select(f => $"{f.Key}={f.Value}")
            ) + ApiSecret
        );

    /// <summary>A notification's X-Cld-Signature: hex digest of body + timestamp + secret.</summary>
    public string SignNotification(string body, long timestamp) =>
        Hex(body + timestamp.ToString(CultureInfo.InvariantCulture) + ApiSecret);

    private string Hex(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
#pragma warning disable CA5350 // Cloudinary's default digest.
        return Convert.ToHexStringLower(Sha256 ? SHA256.HashData(bytes) : SHA1.HashData(bytes));
#pragma warning restore CA5350
    }

    private async Task<IResult> HandleAsync(HttpContext context, string cloud, string action)
    {
        var form = await context.Request.ReadFormAsync();
        var fields = form.Where(f => f.Key != "file").ToDictionary(f => f.Key, f => f.Value.ToString());
        byte[]? chunk = null;
        if (form.Files.GetFile("file") is { } file)
        {
            using var copy = new MemoryStream();
            await file.CopyToAsync(copy);
            chunk = copy.ToArray();
        }

        var request = new StubRequest(
            action,
            fields,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            chunk?.Length ?? 0
        );
        Requests.Enqueue(request);
        if (cloud != CloudName)
        {
            return Error(404, "Invalid cloud_name " + cloud);
        }

        if (!fields.TryGetValue("api_key", out var key) || key != ApiKey)
        {
            return Error(401, "Unknown API key " + key);
        }

        if (
            !fields.TryGetValue("timestamp", out var ts)
            || !long.TryParse(ts, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > 3600
        )
        {
            return Error(400, "Stale request - reported time is " + ts);
        }

        if (!fields.TryGetValue("signature", out var signature) || signature != SignParameters(fields))
        {
            return Error(401, "Invalid Signature " + signature + ". String to sign - '…'.");
        }

        return action switch
        {
            "upload" => Upload(request, chunk),
            "destroy" => Destroy(fields["public_id"]),
            _ => Error(404, "Unknown action " + action),
        };
    }

    private IResult Upload(StubRequest request, byte[]? chunk)
    {
        if (Failures.TryDequeue(out var failure))
        {
            return Error(failure.Status, failure.Message);
        }

        if (chunk is null || !request.Fields.TryGetValue("public_id", out var publicId))
        {
            return Error(400, "Missing required parameter - file");
        }

        if (
            !request.Headers.TryGetValue("X-Unique-Upload-Id", out var uploadId)
            || !request.Headers.TryGetValue("Content-Range", out var range)
            || !ContentRangeHeaderValue.TryParse(range, out var parsed)
            || parsed.From is not { } from
            || parsed.To is not { } to
            || parsed.Length is not { } total
            || to - from + 1 != chunk.Length
        )
        {
            return Error(400, "Chunked upload needs X-Unique-Upload-Id and a Content-Range matching the chunk");
        }

        var assembled = _chunks.GetOrAdd(uploadId, _ => new MemoryStream());
        if (assembled.Length != from)
        {
            return Error(400, $"Chunk out of order: expected offset {assembled.Length}, got {from}");
        }

        if (to + 1 < total && chunk.Length < 5 * 1024 * 1024)
        {
            return Error(400, "Chunks must be at least 5 MB, except the last");
        }

        assembled.Write(chunk);
        if (to + 1 < total)
        {
            return Results.Json(new { done = false, bytes = assembled.Length });
        }

        _chunks.TryRemove(uploadId, out _);
        Assets[publicId] = assembled.ToArray();
        var eager = request.Fields.GetValueOrDefault("eager", "");
        return Results.Json(
            new Dictionary<string, object?>
            {
                ["asset_id"] = Guid.NewGuid().ToString("N"),
                ["public_id"] = publicId,
                ["version"] = 1795600000,
                ["signature"] = Hex($"public_id={publicId}&version=1795600000"),
                ["resource_type"] = "video",
                ["type"] = request.Fields.GetValueOrDefault("type", "upload"),
                ["format"] = "mp4",
                ["bytes"] = total,
                ["created_at"] = "2026-11-25T12:00:00Z",
                ["secure_url"] =
                    $"https://res.cloudinary.com/{CloudName}/video/"
                    + $"{request.Fields.GetValueOrDefault("type", "upload")}/v1795600000/{publicId}.mp4",
                ["eager"] = new[]
                {
                    new
                    {
                        status = "processing",
                        batch_id = "batch-" + Guid.NewGuid().ToString("N")[..12],
                        transformation = eager,
                    },
                },
                ["done"] = true,
            }
        );
    }

    private IResult Destroy(string publicId) =>
        Results.Json(new { result = Assets.TryRemove(publicId, out _) ? "ok" : "not found" });

    private static IResult Error(int status, string message) =>
        Results.Json(new { error = new { message } }, statusCode: status);

    /// <summary>The body of the eager notification Cloudinary sends when the HLS transformation is done.</summary>
    public static string EagerNotification(
        string publicId,
        string transformation,
        int width = 1280,
        int height = 720
    ) =>
        System.Text.Json.JsonSerializer.Serialize(
            new Dictionary<string, object?>
            {
                ["notification_type"] = "eager",
                ["eager"] = new[]
                {
                    new
                    {
                        transformation,
                        width,
                        height,
                        bytes = 3047,
                        format = "m3u8",
                        url = $"http://{HlsPath(transformation, publicId)}",
                        secure_url = $"https://{HlsPath(transformation, publicId)}",
                    },
                },
                ["batch_id"] = "batch-1",
                ["asset_id"] = "0f2a",
                ["public_id"] = publicId,
            }
        );

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed record StubRequest(
    string Action,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyDictionary<string, string> Headers,
    int FileBytes
);
