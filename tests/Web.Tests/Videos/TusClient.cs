using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace StreamEngine.Web.Tests.Videos;

/// <summary>tus 1.0 requests as a test writes them, one method per verb; the caller asserts on the raw
/// response.</summary>
internal sealed class TusClient(HttpClient http, string? accessToken)
{
    public const string Endpoint = "/uploads/tus";

    public string? AccessToken { get; set; } = accessToken;

    public static string Metadata(params (string Key, string? Value)[] pairs) =>
        string.Join(
            ',',
            pairs.Select(p =>
                p.Value is null ? p.Key : $"{p.Key} {Convert.ToBase64String(Encoding.UTF8.GetBytes(p.Value))}"
            )
        );

    public Task<HttpResponseMessage> CreateAsync(long length, string metadata, byte[]? body = null) =>
        SendAsync(
            HttpMethod.Post,
            Endpoint,
            body,
            request =>
            {
                request.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
                request.Headers.Add("Upload-Metadata", metadata);
            }
        );

    public Task<HttpResponseMessage> HeadAsync(string url) => SendAsync(HttpMethod.Head, url, null, _ => { });

    public Task<HttpResponseMessage> PatchAsync(
        string url,
        long offset,
        byte[] body,
        string contentType = "application/offset+octet-stream"
    ) =>
        SendAsync(
            HttpMethod.Patch,
            url,
            body,
            request => request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture)),
            contentType
        );

    public Task<HttpResponseMessage> DeleteAsync(string url) => SendAsync(HttpMethod.Delete, url, null, _ => { });

    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string url,
        byte[]? body,
        Action<HttpRequestMessage> configure,
        string contentType = "application/offset+octet-stream",
        string? version = "1.0.0"
    )
    {
        using var request = new HttpRequestMessage(method, url);
        if (version is not null)
        {
            request.Headers.Add("Tus-Resumable", version);
        }

        if (AccessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        configure(request);
        return await http.SendAsync(request);
    }

    public static long Offset(HttpResponseMessage response) =>
        long.Parse(Header(response, "Upload-Offset"), CultureInfo.InvariantCulture);

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
