using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Infrastructure.Pipelines.Cloudinary;

/// <summary>Cloudinary answered with an error: <c>{ "error": { "message" } }</c> and a status.</summary>
public sealed class CloudinaryException(string message, HttpStatusCode status) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>Worth retrying: throttling (420, 429), timeouts and server errors.</summary>
    public bool Transient => (int)Status is 408 or 420 or 429 or >= 500;
}

/// <summary>A small client of Cloudinary's documented REST Upload API (no SDK is available here): signed video
/// uploads in chunks (<c>X-Unique-Upload-Id</c>, <c>Content-Range</c>), destroy, and the Admin API's resource
/// details. Contract-tested against a local stand-in only.</summary>
public sealed class CloudinaryClient(HttpClient http, IOptions<CloudinaryOptions> options, IClock clock)
{
    private CloudinaryOptions Settings => options.Value;

    /// <summary>Uploads <paramref name="source"/> (of <paramref name="length"/> bytes) as the video asset <paramref
    /// name="publicId"/> with the given extra parameters, chunk by chunk, and returns the final answer.</summary>
    public async Task<JsonElement> UploadVideoAsync(
        Stream source,
        long length,
        string publicId,
        IReadOnlyDictionary<string, string> parameters,
        IProgress<double>? progress,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(parameters);
        var fields = WithSignature(new Dictionary<string, string>(parameters) { ["public_id"] = publicId });
        var uploadId = Guid.NewGuid().ToString("N");
        var buffer = new byte[
            (int)Math.Min(Math.Max(Settings.ChunkSizeBytes, CloudinaryOptions.MinChunkBytes), Math.Max(length, 1))
        ];
        long offset = 0;
        do
        {
            var count = await source.ReadAtLeastAsync(
                buffer,
                (int)Math.Min(buffer.Length, length - offset),
                throwOnEndOfStream: true,
                ct
            );
            using var form = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                form.Add(new StringContent(value), name);
            }

            var file = new ByteArrayContent(buffer, 0, count);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "file", "source");
            using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint("video/upload")) { Content = form };
            request.Headers.Add("X-Unique-Upload-Id", uploadId);
            form.Headers.ContentRange = new ContentRangeHeaderValue(offset, offset + count - 1, length);
            var answer = await SendAsync(request, ct);
            offset += count;
            progress?.Report(100.0 * offset / Math.Max(length, 1));
            if (offset >= length)
            {
                return answer;
            }
        } while (true);
    }

    /// <summary>Destroys a video asset and its derived files (<c>invalidate=true</c> clears CDN copies). An asset
    /// that is not there is not an error.</summary>
    public async Task DestroyVideoAsync(string publicId, CancellationToken ct)
    {
        var fields = WithSignature(
            new Dictionary<string, string>
            {
                ["public_id"] = publicId,
                ["invalidate"] = "true",
                ["type"] = Settings.DeliveryType,
            }
        );
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint("video/destroy"))
        {
            Content = new FormUrlEncodedContent(fields),
        };
        var answer = await SendAsync(request, ct);
        var result = answer.TryGetProperty("result", out var r) ? r.GetString() : null;
        if (result is not ("ok" or "not found"))
        {
            throw new CloudinaryException($"Cloudinary did not destroy {publicId}: {result}.", HttpStatusCode.OK);
        }
    }

    /// <summary>The video asset's details from the Admin API (<c>GET resources/video/{type}/{public_id}</c>, HTTP Basic
    /// with the API key and secret), with its <c>derived</c> files; null when there is no such asset.</summary>
    public async Task<JsonElement?> GetVideoResourceAsync(string publicId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(publicId);
        var path = string.Join('/', publicId.Split('/').Select(Uri.EscapeDataString));
        using var request = new HttpRequestMessage(
            HttpMethod.Get,
            Endpoint($"resources/video/{Uri.EscapeDataString(Settings.DeliveryType)}/{path}")
        );
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Settings.ApiKey}:{Settings.ApiSecret}"))
        );
        try
        {
            return await SendAsync(request, ct);
        }
        catch (CloudinaryException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Adds timestamp, api_key and the signature of everything signable.</summary>
    public Dictionary<string, string> WithSignature(Dictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters["timestamp"] = clock.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        parameters["signature"] = CloudinarySignature.SignRequest(
            parameters,
            Settings.ApiSecret!,
            Settings.SignatureAlgorithm
        );
        parameters["api_key"] = Settings.ApiKey!;
        return parameters;
    }

    private Uri Endpoint(string action) =>
        new(Settings.ApiBaseUrl, $"v1_1/{Uri.EscapeDataString(Settings.CloudName!)}/{action}");

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new CloudinaryException(
                "Cloudinary could not be reached: " + ex.Message,
                HttpStatusCode.ServiceUnavailable
            );
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            JsonElement body;
            try
            {
                using var document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
                body = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new CloudinaryException(
                    $"Cloudinary answered {(int)response.StatusCode} with a body that is not JSON.",
                    response.IsSuccessStatusCode ? HttpStatusCode.BadGateway : response.StatusCode
                );
            }

            if (!response.IsSuccessStatusCode)
            {
                var message =
                    body.ValueKind == JsonValueKind.Object
                    && body.TryGetProperty("error", out var error)
                    && error.ValueKind == JsonValueKind.Object
                    && error.TryGetProperty("message", out var m)
                        ? m.GetString()
                        : null;
                throw new CloudinaryException(
                    message ?? $"Cloudinary answered {(int)response.StatusCode}.",
                    response.StatusCode
                );
            }

            return body;
        }
    }
}
