using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests.Videos;

/// <summary>The upload flow as a frontend runs it: create, PUT the parts, complete, wait.</summary>
internal static class VideoClient
{
    public const string VideoFields =
        "id title status failureReason visibility progress { stage percent } durationSeconds width height "
        + "renditions { name width height bandwidth averageBandwidth codecs } thumbnail { url } playback { hlsUrl "
        + "expiresAt } owner { id handle } createdAt publishedAt";

    public static async Task<JsonNode> CreateUploadAsync(
        this GraphQLClient client,
        string fileName,
        long size,
        string title = "My clip",
        string contentType = "video/mp4"
    )
    {
        var response = await client.SendAsync(
            $"mutation($i: CreateVideoUploadInput!) {{ createVideoUpload(input: $i) {{ video {{ {VideoFields} }} "
                + "upload { id video { id } partSizeBytes sizeBytes expiresAt parts { partNumber url headers { name "
                + "value "
                + "} } } errors { code field message } } }",
            new
            {
                i = new
                {
                    title,
                    description = "A test clip",
                    fileName,
                    contentType,
                    sizeBytes = size,
                },
            }
        );
        return response.Ok()["createVideoUpload"]!;
    }

    /// <summary>PUTs every part of <paramref name="file"/> and returns their ETags.</summary>
    public static async Task<List<(int Part, string ETag)>> PutPartsAsync(
        this GraphQLClient client,
        JsonNode upload,
        string file,
        HttpClient? storage = null
    )
    {
        // Local part URLs go to the server; S3 presigned URLs go to the S3 endpoint over the network.
        var http = storage ?? client.Http;
        var bytes = await File.ReadAllBytesAsync(file);
        var partSize = upload["partSizeBytes"]!.GetValue<long>();
        var etags = new List<(int, string)>();
        foreach (var part in upload["parts"]!.AsArray())
        {
            var number = part!["partNumber"]!.GetValue<int>();
            var offset = (int)((number - 1) * partSize);
            var length = (int)Math.Min(partSize, bytes.Length - offset);
            var url = new Uri(part["url"]!.GetValue<string>());
            var target = storage is null && url.IsLoopback ? new Uri(url.PathAndQuery, UriKind.Relative) : url;
            using var request = new HttpRequestMessage(HttpMethod.Put, target)
            {
                Content = new ByteArrayContent(bytes, offset, length),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var response = await http.SendAsync(request);
            Assert.True(
                response.IsSuccessStatusCode,
                $"PUT part {number}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"
            );
            etags.Add((number, response.Headers.ETag!.Tag));
        }

        return etags;
    }

    public static async Task<GraphQLResponse> CompleteAsync(
        this GraphQLClient client,
        string uploadId,
        IEnumerable<(int Part, string ETag)> parts
    ) =>
        await client.SendAsync(
            "mutation CompleteUpload($i: CompleteVideoUploadInput!) { completeVideoUpload(input: $i) { "
                + $"video {{ {VideoFields} }} errors {{ code message field }} }} }}",
            new { i = new { uploadId, parts = parts.Select(p => new { partNumber = p.Part, etag = p.ETag }) } }
        );

    public static async Task<JsonNode?> VideoAsync(this GraphQLClient client, string id) =>
        (await client.SendAsync($"query($id: ID!) {{ video(id: $id) {{ {VideoFields} }} }}", new { id })).Ok()["video"];

    /// <summary>Polls the video until it leaves PROCESSING (bounded).</summary>
    public static async Task<JsonNode> WaitUntilSettledAsync(this GraphQLClient client, string id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var video = await client.VideoAsync(id) ?? throw new Xunit.Sdk.XunitException("The video disappeared.");
            var status = video["status"]!.GetValue<string>();
            if (status is "READY" or "FAILED")
            {
                return video;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The video is still {status} after {timeout}: {video.ToJsonString()}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Uploads a file in parts and completes it; returns the completed video.</summary>
    public static async Task<JsonNode> UploadAsync(this GraphQLClient client, string file, string title = "My clip")
    {
        var created = await client.CreateUploadAsync(Path.GetFileName(file), new FileInfo(file).Length, title);
        var upload = created["upload"]!;
        var etags = await client.PutPartsAsync(upload, file);
        var completed = (await client.CompleteAsync(upload["id"]!.GetValue<string>(), etags)).Ok()[
            "completeVideoUpload"
        ]!;
        Assert.True(completed["errors"]!.AsArray().Count == 0, completed.ToJsonString());
        return completed["video"]!;
    }
}
