using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StreamEngine.Infrastructure.Messaging;
using StreamEngine.Infrastructure.RateLimiting;
using StreamEngine.Transcoder;
using static StreamEngine.Bench.Table;

namespace StreamEngine.Bench;

/// <summary>Our Redis limiter called from .NET (one multiplexed connection, concurrent callers) against
/// redis-benchmark running the same script with EVALSHA and pipelining, in the same run; the latency the limiter adds
/// to one request; and the in-memory limiter.</summary>
internal static class RateLimitBench
{
    private const int Callers = 64;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);

    public static async Task RunAsync()
    {
        var port = LoopbackPort.Free();
        using var redisServer =
            Process.Start(
                new ProcessStartInfo("redis-server", $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no")
                {
                    RedirectStandardOutput = true,
                    UseShellExecute = false,
                }
            ) ?? throw new InvalidOperationException("redis-server is needed (apt-get install redis-server).");
        try
        {
            await Task.Delay(500);
            var redisOptions = Options.Create(new RedisOptions { ConnectionString = $"127.0.0.1:{port}" });
            await using var connection = new RedisConnection(redisOptions);
            using var meters = new BenchMeterFactory();
            using var redis = new RedisRateLimiter(
                connection,
                Options.Create(new RateLimitingOptions()),
                redisOptions,
                NullLogger<RedisRateLimiter>.Instance,
                meters
            );
            var policy = new RateLimitPolicy("bench", new TokenBucket(1e9, 1e9), new TokenBucket(1e6, 1e6));
            await redis.TryAcquireAsync(policy, "warm", 1, default);

            var ours = await ThroughputAsync(redis, policy);
            var latency = await LatencyAsync(redis, policy);
            var sha = (string)
                (
                    await (await connection.GetAsync())
                        .GetDatabase()
                        .ExecuteAsync("SCRIPT", "LOAD", RedisRateLimiter.Script)
                )!;
            var baseline = await RedisBenchmarkAsync(port, sha);
            var memory = await ThroughputAsync(new InMemoryRateLimiter(new SystemClockForBench()), policy);

            Console.WriteLine();
            Console.WriteLine(
                $"Rate-limit decisions (token-bucket script, global + client bucket; {Callers} concurrent callers, "
                    + $"{Duration.TotalSeconds:0} s each)"
            );
            Console.WriteLine(Row(Cell("measurement", -62), Cell("decisions/s", 12), Cell("ratio", 7)));
            Console.WriteLine(Rule(64, 14, 9));
            Console.WriteLine(
                Row(
                    Cell("redis-benchmark: EVALSHA, pipeline 16, 50 clients (baseline)", -62),
                    Cell(baseline, 12, "0"),
                    Cell(1.0, 6, "0.00") + "x"
                )
            );
            Console.WriteLine(
                Row(
                    Cell("RedisRateLimiter from .NET: one multiplexed connection", -62),
                    Cell(ours, 12, "0"),
                    Cell(ours / baseline, 6, "0.00") + "x"
                )
            );
            Console.WriteLine(
                Row(Cell("InMemoryRateLimiter", -62), Cell(memory, 12, "0"), Cell(memory / baseline, 6, "0.00") + "x")
            );
            Console.WriteLine();
            Console.WriteLine("Latency the Redis limiter adds to one request (one caller, sequential, 5,000 calls)");
            Console.WriteLine(Row(Cell("p50 (ms)", -20), Cell(latency.P50, 10, "0.000")));
            Console.WriteLine(Row(Cell("p99 (ms)", -20), Cell(latency.P99, 10, "0.000")));
        }
        finally
        {
            redisServer.Kill();
            await redisServer.WaitForExitAsync();
        }
    }

    private static async Task<double> ThroughputAsync(IRateLimiter limiter, RateLimitPolicy policy)
    {
        long decisions = 0;
        var stopwatch = Stopwatch.StartNew();
        var deadline = stopwatch.Elapsed + Duration;
        await Task.WhenAll(
            Enumerable
                .Range(0, Callers)
                .Select(caller =>
                    Task.Run(async () =>
                    {
                        var client = "client-" + caller.ToString(CultureInfo.InvariantCulture);
                        long mine = 0;
                        while (stopwatch.Elapsed < deadline)
                        {
                            await limiter.TryAcquireAsync(policy, client, 1, default);
                            mine++;
                        }

                        Interlocked.Add(ref decisions, mine);
                    })
                )
        );
        return decisions / stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task<(double P50, double P99)> LatencyAsync(RedisRateLimiter limiter, RateLimitPolicy policy)
    {
        var samples = new double[5000];
        for (var i = 0; i < samples.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await limiter.TryAcquireAsync(policy, "latency", 1, default);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(samples);
        return (samples[samples.Length / 2], samples[(int)(samples.Length * 0.99)]);
    }

    private static async Task<double> RedisBenchmarkAsync(int port, string sha)
    {
        // Same script, same arguments, keys spread over 64 clients like the .NET run.
        var result = await ProcessRunner.RunAsync(
            "redis-benchmark",
            [
                "-h",
                "127.0.0.1",
                "-p",
                port.ToString(CultureInfo.InvariantCulture),
                "-n",
                "400000",
                "-c",
                "50",
                "-P",
                "16",
                "-r",
                "64",
                "-q",
                "EVALSHA",
                sha,
                "2",
                "streamengine:rl:bench:c:client-__rand_int__",
                "streamengine:rl:bench:g",
                "1000000",
                "1000000",
                "1000000000",
                "1000000000",
                "1",
            ],
            TimeSpan.FromMinutes(2),
            null,
            default
        );
        var match = System.Text.RegularExpressions.Regex.Matches(
            result.StandardOutput,
            @"([0-9.]+) requests per second"
        )[^1];
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private sealed class SystemClockForBench : Application.Abstractions.IClock
    {
        public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
    }

    private sealed class BenchMeterFactory : System.Diagnostics.Metrics.IMeterFactory
    {
        public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options) => new(options);

        public void Dispose() { }
    }
}
