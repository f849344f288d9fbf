using System.Text.Json.Nodes;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests.Accounts;

/// <summary>The account operations as a frontend sends them.</summary>
internal static class AccountClient
{
    public const string AuthFields =
        "accessToken accessTokenExpiresAt refreshToken viewer { id email emailVerified user { id handle displayName "
        + "} } "
        + "errors { code message field }";
    public const string Password = "violet-harbour-29";

    public static string UniqueEmail(string name) => $"{name}.{Guid.NewGuid():N}@example.com".ToLowerInvariant();

    public static string UniqueHandle(string name) =>
        (name + "_" + Guid.NewGuid().ToString("N")[..8]).ToLowerInvariant();

    public static async Task<GraphQLResponse> RegisterAsync(
        this GraphQLClient client,
        string email,
        string? handle = null,
        string password = Password,
        string displayName = "Test User"
    ) =>
        await client.SendAsync(
            $"mutation($input: RegisterInput!) {{ register(input: $input) {{ {AuthFields} }} }}",
            new
            {
                input = new
                {
                    email,
                    password,
                    handle = handle ?? UniqueHandle("user"),
                    displayName,
                },
            }
        );

    public static async Task<GraphQLResponse> LoginAsync(
        this GraphQLClient client,
        string email,
        string password = Password
    ) =>
        await client.SendAsync(
            $"mutation($input: LoginInput!) {{ login(input: $input) {{ {AuthFields} }} }}",
            new { input = new { email, password } }
        );

    public static async Task<GraphQLResponse> RefreshAsync(this GraphQLClient client, string refreshToken) =>
        await client.SendAsync(
            $"mutation($t: String!) {{ refreshSession(input: {{ refreshToken: $t }}) {{ {AuthFields} }} }}",
            new { t = refreshToken }
        );

    public static async Task<GraphQLResponse> MeAsync(this GraphQLClient client, string? accessToken)
    {
        var previous = client.AccessToken;
        client.AccessToken = accessToken;
        try
        {
            return await client.SendAsync("{ me: viewer { id email emailVerified user { id handle } } }");
        }
        finally
        {
            client.AccessToken = previous;
        }
    }

    /// <summary>Registers a user and returns its e-mail, access token and refresh token.</summary>
    public static async Task<SignedIn> SignUpAsync(this GraphQLClient client, string name = "user")
    {
        var email = UniqueEmail(name);
        return (await client.RegisterAsync(email)).Session("register", email);
    }

    public static SignedIn Session(this GraphQLResponse response, string field, string email)
    {
        var payload = response.Ok()[field]!;
        Assert.True(payload["errors"]!.AsArray().Count == 0, payload.ToJsonString());
        return SignedIn.From(email, payload);
    }
}

internal sealed record SignedIn(string Email, string UserId, string AccessToken, string RefreshToken)
{
    public static SignedIn From(string email, JsonNode payload) =>
        new(
            email,
            payload["viewer"]!["user"]!["id"]!.GetValue<string>(),
            payload["accessToken"]!.GetValue<string>(),
            payload["refreshToken"]!.GetValue<string>()
        );
}
