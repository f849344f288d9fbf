using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;

namespace StreamEngine.Bench;

/// <summary>What a subscriber of the subscription bench waits for, and what a run of it measured.</summary>
internal static partial class SubscriptionBench
{
    /// <summary>When the next event arrived (a <see cref="Stopwatch"/> timestamp), and how long after the server
    /// stamped it (its <c>occurredAt</c>; same machine, same clock).</summary>
    private static async Task<(long At, double SinceEvent)> NextEventAsync(ClientWebSocket socket)
    {
        while (true)
        {
            var message =
                await LoopbackClients.ReceiveAsync(socket) ?? throw new InvalidOperationException("The socket closed.");
            var type = message["type"]?.GetValue<string>();
            if (type == "next")
            {
                var occurredAt = DateTimeOffset.Parse(
                    message["payload"]!["data"]!["viewerVideoEvents"]!["occurredAt"]!.GetValue<string>(),
                    CultureInfo.InvariantCulture
                );
                return (Stopwatch.GetTimestamp(), (DateTimeOffset.UtcNow - occurredAt).TotalMilliseconds);
            }

            if (type is "error" or "complete")
            {
                throw new InvalidOperationException("The subscription ended: " + message.ToJsonString());
            }
        }
    }

    private sealed record Result(
        double FanOutP50,
        double FanOutP99,
        double Publish,
        double P50,
        double P99,
        double Max,
        double KilobytesPerConnection,
        double CpuPerRound
    );
}
