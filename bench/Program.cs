using StreamEngine.Bench;

var suite = args.FirstOrDefault() ?? "all";

// The in-process server needs its content root (src/Web) when started from this program rather than a test host.
var root = new DirectoryInfo(AppContext.BaseDirectory);
while (root is not null && !File.Exists(Path.Combine(root.FullName, "StreamEngine.sln")))
{
    root = root.Parent;
}

Environment.SetEnvironmentVariable(
    "ASPNETCORE_TEST_CONTENTROOT_STREAMENGINE_WEB",
    Path.Combine(root!.FullName, "src", "Web")
);
Console.WriteLine($"StreamEngine benchmarks: {suite} ({Environment.ProcessorCount} cores, .NET {Environment.Version})");
if (suite is "all" or "accounts")
{
    await AccountsBench.RunAsync();
}

if (suite is "all" or "enumeration")
{
    await EnumerationTimingBench.RunAsync();
}

if (suite is "all" or "ratelimit")
{
    await RateLimitBench.RunAsync();
}

if (suite is "all" or "subscriptions")
{
    await SubscriptionBench.RunAsync(root.FullName, args[1..]);
}

if (suite is "all" or "catalog")
{
    await CatalogBench.RunAsync(root.FullName);
}

if (suite is "all" or "video")
{
    await VideoBench.RunAsync(root.FullName);
}

if (suite is "all" or "media")
{
    await MediaBench.RunAsync();
}

// Not part of "all": it encodes a 10-minute 1080p source three times (about half an hour on 2 cores).
if (suite is "towatch")
{
    await TimeToWatchBench.RunAsync(root.FullName, args[1..]);
}

// Not part of "all": live broadcasts for several minutes, and Chromium for the latency.
if (suite is "live")
{
    await LiveBench.RunAsync(root.FullName, args[1..]);
}

// Not part of "all": it runs for --minutes (10 by default).
if (suite is "soak")
{
    await StreamEngine.Bench.Soak.SoakBench.RunAsync(root.FullName, args[1..]);
}

return 0;
