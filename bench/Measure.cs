using System.Diagnostics;
using static StreamEngine.Bench.Table;

namespace StreamEngine.Bench;

/// <summary>Repeats an operation and reports percentiles of its wall time; no timing assertions anywhere.</summary>
internal static class Measure
{
    public static async Task<Sample> RunAsync(string name, int warmup, int iterations, Func<Task> operation)
    {
        for (var i = 0; i < warmup; i++)
        {
            await operation();
        }

        var times = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await operation();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return new Sample(
            name,
            iterations,
            times[iterations / 2],
            times[(int)Math.Min(iterations - 1, Math.Ceiling(iterations * 0.95) - 1)],
            times.Average()
        );
    }

    public static void Print(string title, Sample baseline, params Sample[] samples)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine(
            Row(
                Cell("measurement", -58),
                Cell("runs", 5),
                Cell("median ms", 10),
                Cell("p95 ms", 10),
                Cell("ratio to baseline", 17)
            )
        );
        Console.WriteLine(Rule(60, 7, 12, 12, 19));
        foreach (var sample in new[] { baseline }.Concat(samples))
        {
            var ratio = sample.Median / baseline.Median;
            Console.WriteLine(
                Row(
                    Cell(sample.Name, -58),
                    Cell(sample.Runs, 5),
                    Cell(sample.Median, 10, "0.000"),
                    Cell(sample.P95, 10, "0.000"),
                    Cell(ratio, 16, "0.00") + "x"
                )
            );
        }
    }
}

internal sealed record Sample(string Name, int Runs, double Median, double P95, double Mean);
