using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace StreamEngine.Web.Telemetry;

/// <summary>What operators watch for attacks: refusals by the limits that exist to stop them, and the sockets that are
/// open. Every label takes a value from a small fixed set (never client input).</summary>
public sealed class SecurityMetrics : IDisposable
{
    public const string MeterName = "StreamEngine.Security";

    private readonly Meter _meter;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _documentsRefused;
    private readonly Counter<long> _socketsRefused;
    private readonly Counter<long> _socketsEnded;
    private readonly Counter<long> _connectionsRefused;
    private readonly UpDownCounter<long> _sockets;

    public SecurityMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _rateLimited = _meter.CreateCounter<long>(
            "streamengine.ratelimit.refusals",
            "{request}",
            "Requests refused by a rate-limit policy."
        );
        _documentsRefused = _meter.CreateCounter<long>(
            "streamengine.graphql.documents_refused",
            "{document}",
            "GraphQL documents refused before validation for their size."
        );
        _socketsRefused = _meter.CreateCounter<long>(
            "streamengine.websocket.refused",
            "{connection}",
            "WebSocket upgrades refused by a connection cap."
        );
        _socketsEnded = _meter.CreateCounter<long>(
            "streamengine.websocket.session_closes",
            "{connection}",
            "Signed-in sockets closed because their session ended or their token expired."
        );
        _connectionsRefused = _meter.CreateCounter<long>(
            "streamengine.connections.refused",
            "{connection}",
            "Connections refused because their client address held too many open."
        );
        _sockets = _meter.CreateUpDownCounter<long>(
            "streamengine.websocket.connections",
            "{connection}",
            "Open WebSocket connections."
        );
    }

    /// <summary>The policies <see cref="RateLimited"/> names: their series exist at 0 from the start.</summary>
    private static readonly string[] Policies = ["graphql", "auth", "upload", "media"];

    /// <summary>Records 0 on every series (called once the exporter listens), so they exist from the first
    /// scrape.</summary>
    public void RecordZeros()
    {
        foreach (var policy in Policies)
        {
            _rateLimited.Add(0, new TagList { { "policy", policy } });
        }

        _documentsRefused.Add(0);
        _socketsEnded.Add(0);
        _connectionsRefused.Add(0);
        _sockets.Add(0);
    }

    /// <summary>A refusal by policy <c>graphql</c>, <c>auth</c>, <c>upload</c> or <c>media</c>.</summary>
    public void RateLimited(string policy) => _rateLimited.Add(1, new TagList { { "policy", policy } });

    public void DocumentRefused() => _documentsRefused.Add(1);

    /// <summary>An upgrade refused: <c>per_address</c>, <c>total</c> or <c>per_user</c>.</summary>
    public void SocketRefused(string cap) => _socketsRefused.Add(1, new TagList { { "cap", cap } });

    public void SocketClosedForSession() => _socketsEnded.Add(1);

    public void ConnectionRefused() => _connectionsRefused.Add(1);

    public void SocketOpened() => _sockets.Add(1);

    public void SocketClosed() => _sockets.Add(-1);

    public void Dispose() => _meter.Dispose();
}
