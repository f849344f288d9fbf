using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StreamEngine.TestSupport;

namespace StreamEngine.Web.Tests.Accounts;

public sealed partial class SecretsNeverLeaveTests : IClassFixture<StreamEngineApp>
{
    private readonly StreamEngineApp _app;
    private readonly GraphQLClient _client;

    public SecretsNeverLeaveTests(StreamEngineApp app)
    {
        _app = app;
        _client = app.CreateGraphQLClient();
    }

    [Fact]
    public async Task No_output_field_in_the_schema_can_carry_a_password_hash_or_secret()
    {
        var schema = (
            await _client.SendAsync(
                "{ __schema { types { name kind fields { name type { name ofType { name ofType { name ofType { "
                    + "name } } } } } } } }"
            )
        ).Ok()["__schema"]!["types"]!.AsArray();

        // Any field of an output type that could hold text and is named like a secret (mutation names are verbs, and
        // a Boolean such as hasPassword carries no secret).
        var offending = OutputFields(schema)
            .Where(x =>
                SecretName().IsMatch(x.Field["name"]!.GetValue<string>())
                && LeafTypeName(x.Field["type"]!) is "String" or "ID"
            )
            .Select(x => $"{x.Type}.{x.Field["name"]}")
            .ToList();

        // The one exception by design: a webhook endpoint's signing secret, which its owner must see once to verify
        // deliveries; WebhookDeliveryTests checks it is null everywhere but the creating or rotating payload.
        Assert.Equal(["WebhookEndpoint.secret"], offending);
    }

    [Fact]
    public async Task The_only_email_a_caller_can_read_is_their_own()
    {
        var schema = (
            await _client.SendAsync(
                "{ __schema { types { name kind fields { name type { kind name ofType { name ofType { name } } } "
                    + "} } } }"
            )
        ).Ok()["__schema"]!["types"]!.AsArray();

        var emailFields = OutputFields(schema)
            .Where(x =>
                x.Field["name"]!.GetValue<string>().Contains("email", StringComparison.OrdinalIgnoreCase)
                && LeafTypeName(x.Field["type"]!) == "String"
            )
            .ToList();

        // The e-mail address lives on Viewer only, which exists for the signed-in account alone (Query.viewer, the
        // payloads of its own mutations, and node() for its own id).
        Assert.Equal(["Viewer.email"], emailFields.Select(x => $"{x.Type}.{x.Field["name"]}"));
    }

    [Fact]
    public async Task Logs_never_carry_passwords_tokens_or_email_addresses()
    {
        var user = await _client.SignUpAsync("logs");
        await _client.LoginAsync(user.Email, "wrong-password-77");
        var session = (await _client.LoginAsync(user.Email)).Session("login", user.Email);
        var refreshed = (await _client.RefreshAsync(session.RefreshToken)).Session("refreshSession", user.Email);
        await _client.RefreshAsync(session.RefreshToken);
        await _client.SendAsync(
            "mutation($e: String!) { requestPasswordReset(input: { email: $e }) { accepted } }",
            new { e = user.Email }
        );

        var secrets = new[]
        {
            AccountClient.Password,
            "wrong-password-77",
            user.Email,
            session.AccessToken,
            session.RefreshToken,
            refreshed.RefreshToken,
        };
        var leaks = _app
            .Logs.Lines.Where(line => secrets.Any(s => line.Contains(s, StringComparison.OrdinalIgnoreCase)))
            .ToList();

        Assert.NotEmpty(_app.Logs.Lines);
        Assert.Empty(leaks);
    }

    private static IEnumerable<(string Type, JsonNode Field)> OutputFields(JsonArray types) =>
        types
            .Where(t => t!["kind"]!.GetValue<string>() is "OBJECT" or "INTERFACE")
            .Select(t => (Name: t!["name"]!.GetValue<string>(), Fields: t["fields"] as JsonArray ?? []))
            .Where(t =>
                !t.Name.StartsWith("__", StringComparison.Ordinal) && t.Name is not ("Mutation" or "Subscription")
            )
            .SelectMany(t => t.Fields.Select(f => (t.Name, f!)));

    private static string? LeafTypeName(JsonNode type) =>
        type["name"]?.GetValue<string>() ?? (type["ofType"] is { } inner ? LeafTypeName(inner) : null);

    [GeneratedRegex("password|hash|secret|salt|signingkey|codeHash", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
