using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace StreamEngine.Infrastructure.Messaging;

/// <summary>The one multiplexed Redis connection of this process, opened on first use and reconnecting by
/// itself.</summary>
public sealed class RedisConnection(IOptions<RedisOptions> options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<Action<IConnectionMultiplexer>> _connected = [];
    private ConnectionMultiplexer? _multiplexer;

    /// <summary>Runs <paramref name="listener"/> with the connection once it is open (at once if it is).</summary>
    public void OnConnected(Action<IConnectionMultiplexer> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        _gate.Wait();
        try
        {
            if (_multiplexer is null)
            {
                _connected.Add(listener);
            }
            else
            {
                listener(_multiplexer);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IConnectionMultiplexer> GetAsync()
    {
        if (_multiplexer is not null)
        {
            return _multiplexer;
        }

        await _gate.WaitAsync();
        try
        {
            if (_multiplexer is null)
            {
                var configuration = ConfigurationOptions.Parse(options.Value.ConnectionString!);
                configuration.AbortOnConnectFail = false;
                configuration.ClientName = "streamengine";
                _multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration);
                foreach (var listener in _connected)
                {
                    listener(_multiplexer);
                }
            }

            return _multiplexer;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is not null)
        {
            await _multiplexer.DisposeAsync();
        }

        _gate.Dispose();
    }
}

internal sealed class RedisHealthCheck(RedisConnection connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context,
        CancellationToken cancellationToken = default
    )
    {
        try
        {
            var redis = await connection.GetAsync();
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer.");
        }
    }
}
