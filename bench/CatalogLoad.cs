using System.Diagnostics;

namespace StreamEngine.Bench;

/// <summary>How the catalog bench loads a server: warm-up, measured turns, the median turn.</summary>
internal static partial class CatalogBench
{
    /// <summary>Runs the request from <see cref="Concurrency"/> clients for the warm-up time unmeasured (the server
    /// recompiles its hot paths with optimisations in the background for some 20 s of load on 2 cores), then
    /// <see cref="Requests"/> times measured; with <paramref name="allocated"/>, the server's managed allocations per
    /// request over the measured part.</summary>
    private static async Task<Measured> LoadAsync(
        string name,
        Func<Task<string>> request,
        Func<Task<long>>? allocated = null,
        Func<double>? cpu = null
    )
    {
        await WarmUpAsync(request);
        return await MeasureAsync(name, request, allocated, cpu);
    }

    private static async Task WarmUpAsync(Func<Task<string>> request)
    {
        var warmUp = Stopwatch.StartNew();
        await RunClientsAsync(request, int.MaxValue, () => warmUp.Elapsed > WarmUp);
    }

    private static Measured Median(List<Measured> rounds) =>
        rounds.OrderBy(r => r.PerSecond).ElementAt(rounds.Count / 2);

    private static async Task<Measured> MeasureAsync(
        string name,
        Func<Task<string>> request,
        Func<Task<long>>? allocated = null,
        Func<double>? cpu = null
    )
    {
        var before = allocated is null ? 0 : await allocated();
        var cpuBefore = cpu?.Invoke() ?? 0;
        var clock = Stopwatch.StartNew();
        var times = await RunClientsAsync(request, Requests, () => false);
        var elapsed = clock.Elapsed.TotalSeconds;
        double? cpuPerRequest = cpu is null ? null : (cpu() - cpuBefore) * 1000 / Requests;
        double? bytes = allocated is null ? null : (await allocated() - before) / (double)Requests;
        Array.Sort(times);
        return new Measured(
            name,
            Requests / elapsed,
            times[Requests / 2],
            times[(int)(Requests * 0.99)],
            bytes,
            cpuPerRequest
        );
    }

    private static async Task<double[]> RunClientsAsync(Func<Task<string>> request, int count, Func<bool> stop)
    {
        var times = new double[Math.Min(count, Requests)];
        var next = -1;
        await Task.WhenAll(
            Enumerable
                .Range(0, Concurrency)
                .Select(_ =>
                    Task.Run(async () =>
                    {
                        int index;
                        while ((index = Interlocked.Increment(ref next)) < count && !stop())
                        {
                            var start = Stopwatch.GetTimestamp();
                            await request();
                            times[index % times.Length] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                        }
                    })
                )
        );
        return times;
    }

    private sealed record Measured(
        string Name,
        double PerSecond,
        double P50,
        double P99,
        double? BytesPerRequest,
        double? CpuPerRequest
    );
}
