using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using StreamEngine.TestSupport;

namespace StreamEngine.Bench;

/// <summary>What a password costs: ASP.NET Core Identity's v3 hash against raw PBKDF2-HMAC-SHA512 with the same
/// parameters (the baseline), and a whole login through the GraphQL endpoint in process.</summary>
internal static class AccountsBench
{
    public static async Task RunAsync()
    {
        const string password = "violet-harbour-29";
        var salt = RandomNumberGenerator.GetBytes(16);
        var baseline = await Measure.RunAsync(
            "PBKDF2-HMAC-SHA512, 100,000 iterations (baseline)",
            3,
            30,
            () =>
            {
                Rfc2898DeriveBytes.Pbkdf2(
                    Encoding.UTF8.GetBytes(password),
                    salt,
                    100_000,
                    HashAlgorithmName.SHA512,
                    32
                );
                return Task.CompletedTask;
            }
        );

        var hasher = new PasswordHasher<object>();
        var hash = hasher.HashPassword(new object(), password);
        var hashing = await Measure.RunAsync(
            "Identity v3 HashPassword (what registration pays)",
            3,
            30,
            () =>
            {
                hasher.HashPassword(new object(), password);
                return Task.CompletedTask;
            }
        );
        var verifying = await Measure.RunAsync(
            "Identity v3 VerifyHashedPassword (what login pays)",
            3,
            30,
            () =>
            {
                hasher.VerifyHashedPassword(new object(), hash, password);
                return Task.CompletedTask;
            }
        );

        await using var app = new StreamEngineApp();
        var client = app.CreateGraphQLClient();
        var email = $"bench.{Guid.NewGuid():N}@example.com";
        var register = await client.SendAsync(
            "mutation($i: RegisterInput!) { register(input: $i) { errors { code } } }",
            new
            {
                i = new
                {
                    email,
                    password,
                    handle = "bench_" + Guid.NewGuid().ToString("N")[..8],
                    displayName = "Bench",
                },
            }
        );
        if (!register.Body.Contains("\"errors\":[]", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Registration failed: " + register.Body);
        }

        var login = await Measure.RunAsync(
            "login mutation over HTTP (GraphQL, SQLite, new session)",
            3,
            30,
            async () =>
            {
                var response = await client.SendAsync(
                    "mutation($i: LoginInput!) { login(input: $i) { accessToken errors { code } } }",
                    new { i = new { email, password } }
                );
                if (!response.Body.Contains("accessToken\":\"ey", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("Login failed: " + response.Body);
                }
            }
        );

        Measure.Print(
            "Password hashing and login cost (one core busy, others idle)",
            baseline,
            hashing,
            verifying,
            login
        );
    }
}
