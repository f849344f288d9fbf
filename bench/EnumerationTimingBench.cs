using System.Diagnostics;
using StreamEngine.TestSupport;
using static StreamEngine.Bench.Table;

namespace StreamEngine.Bench;

/// <summary>Whether answer times tell an attacker which e-mail addresses have accounts: <c>register</c> and
/// <c>requestPasswordReset</c>, 100 calls each for existing and for unknown addresses, interleaved so that drift of a
/// shared machine hits both sides alike. The in-process server runs the embedded default with rate limiting off (these
/// are 400 authentication calls from one address); target: medians within 10 %.</summary>
internal static class EnumerationTimingBench
{
    private const int Calls = 100;
    private const string Password = "violet-harbour-29";

    public static async Task RunAsync()
    {
        await using var app = new StreamEngineApp();
        var client = app.CreateGraphQLClient();
        var existing = new List<string>();
        for (var i = 0; i < Calls + 5; i++)
        {
            var email = $"known.{Guid.NewGuid():N}@example.com";
            await RegisterAsync(client, email);
            existing.Add(email);
        }

        var registerKnown = new List<double>();
        var registerUnknown = new List<double>();
        var resetKnown = new List<double>();
        var resetUnknown = new List<double>();
        var random = new Random(42);
        for (var i = 0; i < Calls + 5; i++)
        {
            var warm = i < 5;
            var index = i;
            var calls = new (List<double> Into, Func<Task> Call)[]
            {
                (registerKnown, () => RegisterAsync(client, existing[index], expectTaken: true)),
                (registerUnknown, () => RegisterAsync(client, $"new.{Guid.NewGuid():N}@example.com")),
                (resetKnown, () => ResetAsync(client, existing[index])),
                (resetUnknown, () => ResetAsync(client, $"nobody.{Guid.NewGuid():N}@example.com")),
            };

            // A shuffled order, with a pause that lets one call's background work (mail, queued resets) finish
            // before the next call is timed.
            foreach (var (into, call) in calls.OrderBy(_ => random.Next()))
            {
                await Task.Delay(120);
                await TimeAsync(warm ? null : into, call);
            }
        }

        Console.WriteLine();
        Console.WriteLine("Account enumeration by timing (in process, SQLite, 100 calls each, interleaved)");
        Console.WriteLine(
            Table.Row(
                Cell("operation", -22),
                Cell("existing: median ms", 20),
                Cell("unknown: median ms", 19),
                Cell("difference", 10)
            )
        );
        Console.WriteLine(Rule(24, 22, 21, 12));
        PrintRow("register", registerKnown, registerUnknown);
        PrintRow("requestPasswordReset", resetKnown, resetUnknown);
    }

    private static void PrintRow(string name, List<double> known, List<double> unknown)
    {
        var a = Median(known);
        var b = Median(unknown);
        Console.WriteLine(
            Table.Row(Cell(name, -22), Cell(a, 20, "0.000"), Cell(b, 19, "0.000"), Cell((a - b) / b, 9, "+0.0%;-0.0%"))
        );
    }

    private static double Median(List<double> times)
    {
        times.Sort();
        return times[times.Count / 2];
    }

    private static async Task TimeAsync(List<double>? into, Func<Task> call)
    {
        var started = Stopwatch.GetTimestamp();
        await call();
        into?.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private static async Task RegisterAsync(GraphQLClient client, string email, bool expectTaken = false)
    {
        var response = await client.SendAsync(
            "mutation($i: RegisterInput!) { register(input: $i) { errors { code } } }",
            new
            {
                i = new
                {
                    email,
                    password = Password,
                    handle = "h_" + Guid.NewGuid().ToString("N")[..12],
                    displayName = "Bench",
                },
            }
        );
        var taken = response.Body.Contains("EMAIL_TAKEN", StringComparison.Ordinal);
        if (taken != expectTaken || (!taken && !response.Body.Contains("\"errors\":[]", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("Unexpected register answer: " + response.Body);
        }
    }

    private static async Task ResetAsync(GraphQLClient client, string email)
    {
        var response = await client.SendAsync(
            "mutation($e: String!) { requestPasswordReset(input: { email: $e }) { errors { code } } }",
            new { e = email }
        );
        if (!response.Body.Contains("\"errors\":[]", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Unexpected reset answer: " + response.Body);
        }
    }
}
