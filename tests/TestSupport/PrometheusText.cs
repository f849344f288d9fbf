using System.Globalization;
using System.Text.RegularExpressions;

namespace StreamEngine.TestSupport;

/// <summary>Reads series out of a <c>/metrics</c> page (Prometheus text format), ignoring the exporter's
/// <c>otel_scope_*</c> labels.</summary>
public static partial class PrometheusText
{
    /// <summary>The sum of the samples of <paramref name="name"/> that carry every label given ("key=value"); 0 when
    /// there are none.</summary>
    public static double Value(string page, string name, params string[] labels)
    {
        ArgumentNullException.ThrowIfNull(page);
        return Samples(page).Where(s => s.Name == name && labels.All(s.Labels.Contains)).Sum(s => s.Value);
    }

    /// <summary>Scrapes <c>/metrics</c> until <paramref name="ready"/> holds (sampled gauges lag by their interval,
    /// more on a busy machine); the last page when the time runs out.</summary>
    public static async Task<string> ScrapeUntilAsync(HttpClient http, Func<string, bool> ready, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(ready);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var page = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            if (ready(page) || DateTime.UtcNow > deadline)
            {
                return page;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Every series name on the page.</summary>
    public static IReadOnlySet<string> Names(string page) =>
        Samples(page).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<(string Name, HashSet<string> Labels, double Value)> Samples(string page)
    {
        foreach (var line in page.Split('\n'))
        {
            var match = SampleLine().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var labels = LabelPair()
                .Matches(match.Groups["labels"].Value)
                .Select(m => $"{m.Groups[1].Value}={m.Groups[2].Value}")
                .Where(l => !l.StartsWith("otel_scope_", StringComparison.Ordinal))
                .ToHashSet(StringComparer.Ordinal);
            var value = match.Groups["value"].Value;
            yield return (
                match.Groups["name"].Value,
                labels,
                value is "NaN" or "+Inf" or "-Inf" ? double.NaN : double.Parse(value, CultureInfo.InvariantCulture)
            );
        }
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)")]
    private static partial Regex SampleLine();

    [GeneratedRegex("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex LabelPair();
}
