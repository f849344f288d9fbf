using System.Net;
using System.Text;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests.Hostile;

/// <summary>Signed callbacks (pipeline status, Cloudinary notifications) as an attacker sends them.</summary>
public sealed class WebhookAttackTests : IClassFixture<WebhookAttackTests.App>
{
    private readonly App _app;

    public WebhookAttackTests(App app) => _app = app;

    public sealed class App()
        : StreamEngineApp(
            new Dictionary<string, string?>
            {
                ["StreamEngine:Pipeline:CallbackSecret"] = "a-callback-secret-of-some-length",
            }
        );

    [Theory]
    [InlineData("99999999999999999")]
    [InlineData("253402300800")]
    [InlineData("-1")]
    [InlineData("")]
    public async Task A_status_call_with_a_timestamp_out_of_any_range_is_refused_401_not_500(string timestamp)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/pipeline/status")
        {
            Content = new StringContent(
                "{\"videoId\":\"00000000-0000-0000-0000-000000000001\",\"status\":\"READY\"}",
                Encoding.UTF8,
                "application/json"
            ),
        };
        request.Headers.TryAddWithoutValidation("X-StreamEngine-Timestamp", timestamp);
        request.Headers.TryAddWithoutValidation("X-StreamEngine-Signature", "v1=00");

        using var response = await _app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
