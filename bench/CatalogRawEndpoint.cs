using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace StreamEngine.Bench;

/// <summary>The baseline: a minimal ASP.NET Core endpoint that runs the SQL and writes the same JSON
/// shape.</summary>
internal sealed class CatalogRawEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CatalogRawEndpoint(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<CatalogRawEndpoint> StartAsync(NpgsqlDataSource dataSource)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var port = LoopbackPort.Free();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet(
            "/raw",
            async (HttpContext context) =>
            {
                var json = await PageJsonAsync(dataSource, context.RequestAborted);
                context.Response.ContentType = "application/json";
                await context.Response.Body.WriteAsync(json, context.RequestAborted);
            }
        );
        await app.StartAsync();
        return new CatalogRawEndpoint(app, new Uri($"http://127.0.0.1:{port}/raw"));
    }

    public static async Task<byte[]> PageJsonAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(CatalogBench.Sql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("data");
            json.WriteStartObject("videos");
            json.WriteStartArray("edges");
            var count = 0;
            string? last = null;
            var more = false;
            while (await reader.ReadAsync(ct))
            {
                if (++count > 20)
                {
                    more = true;
                    break;
                }

                var id = reader.GetGuid(0);
                var created = reader.GetFieldValue<DateTimeOffset>(5);
                last = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"videos:newest|{created.UtcTicks}|{id:N}"));
                json.WriteStartObject();
                json.WriteString("cursor", last);
                json.WriteStartObject("node");
                json.WriteString("id", StreamEngine.Application.Common.GlobalId.Of("Video", id));
                json.WriteString("title", reader.GetString(1));
                json.WriteNumber("viewCount", reader.GetInt64(2));
                json.WriteNumber("likeCount", reader.GetInt64(3));
                json.WriteNumber("commentCount", reader.GetInt64(4));
                json.WriteString("createdAt", created.ToString("O", CultureInfo.InvariantCulture));
                json.WriteStartObject("owner");
                json.WriteString("handle", reader.GetString(6));
                json.WriteString("displayName", reader.GetString(7));
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("pageInfo");
            json.WriteBoolean("hasNextPage", more);
            json.WriteString("endCursor", last);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
