using System.Text.Json.Nodes;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Accounts;

namespace StreamEngine.Web.Tests.Live;

/// <summary>The live stream operations as a frontend sends them.</summary>
internal static class LiveClient
{
    public const string Fields =
        "id title status record streamKey rtmpUrl srtUrl hlsUrl viewerCount endReason startedAt endedAt "
        + "recording { id status durationSeconds }";

    public static readonly Dictionary<string, string?> Settings = new()
    {
        ["StreamEngine:Live:Enabled"] = "true",
        ["StreamEngine:Live:RtmpAddress"] = "127.0.0.1",
        ["StreamEngine:Live:RtmpPort"] = "0",
        ["StreamEngine:Live:ReconnectWindow"] = "00:00:20",
        ["StreamEngine:Live:Preset"] = "ultrafast",
        ["StreamEngine:Live:SrtPorts"] = "", // SRT has its own test, on ports of its own
        ["StreamEngine:Pipeline:Preset"] = "ultrafast",
        ["StreamEngine:Pipeline:PollInterval"] = "00:00:00.500",
    };

    public static async Task<JsonNode> CreateAsync(GraphQLClient client, string title, bool record = false)
    {
        var response = await client.SendAsync(
            $"mutation($input: CreateLiveStreamInput!) {{ createLiveStream(input: $input) {{ liveStream {{ {Fields} }} "
                + "errors { code message } } }",
            new { input = new { title, record } }
        );
        return response.Ok()["createLiveStream"]!["liveStream"]!;
    }

    public static async Task<JsonNode> GetAsync(GraphQLClient client, string id) =>
        (await client.SendAsync($"query($id: ID!) {{ liveStream(id: $id) {{ {Fields} }} }}", new { id })).Ok()[
            "liveStream"
        ]!;

    public static async Task<JsonNode> WaitForAsync(GraphQLClient client, string id, string status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var stream = await GetAsync(client, id);
            if (stream["status"]!.GetValue<string>() == status || DateTime.UtcNow > deadline)
            {
                return stream;
            }

            await Task.Delay(250);
        }
    }

    public static async Task<(StreamEngineApp App, GraphQLClient Client, SignedIn User)> StartAsync(
        string name,
        IDictionary<string, string?>? extra = null
    )
    {
        var settings = new Dictionary<string, string?>(Settings);
        foreach (var pair in extra ?? new Dictionary<string, string?>())
        {
            settings[pair.Key] = pair.Value;
        }

        var app = StreamEngineApp.With(settings, kestrel: true);
        var client = app.CreateGraphQLClient();
        var user = await client.SignUpAsync(name);
        client.AccessToken = user.AccessToken;
        return (app, client, user);
    }
}
