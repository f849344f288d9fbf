using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.TestSupport;

/// <summary>The real server in process, configured like a deployment would be (settings by configuration key), with
/// its own data directory; optionally on Kestrel for peers outside the process (node, a browser).</summary>
public class StreamEngineApp : WebApplicationFactory<Program>
{
    private readonly TempDirectory _data = new();
    private readonly bool _kestrel;

    public StreamEngineApp()
        : this(null) { }

    protected StreamEngineApp(IDictionary<string, string?>? settings, bool kestrel = false)
    {
        _kestrel = kestrel;
        Settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["StreamEngine:DataDirectory"] = _data.Path,
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Warning",

            // Tests make many requests from one address; the rate-limit tests turn it on with their own numbers.
            ["StreamEngine:RateLimiting:Enabled"] = "false",
        };
        foreach (var pair in settings ?? new Dictionary<string, string?>())
        {
            Settings[pair.Key] = pair.Value;
        }

        if (kestrel)
        {
            UseKestrel(0);
        }
    }

    public Dictionary<string, string?> Settings { get; }

    /// <summary>An app with these settings (xunit fixtures need the single parameterless constructor).</summary>
    public static StreamEngineApp With(IDictionary<string, string?>? settings, bool kestrel = false) =>
        new Configured(settings, kestrel);

    public string DataDirectory => _data.Path;

    /// <summary>Where the server serves its static files from (the built web app among them).</summary>
    public string WebRootPath => Services.GetRequiredService<IWebHostEnvironment>().WebRootPath;

    public TestClock Clock { get; } = new();

    /// <summary>SQL statements run by requests that carry <see cref="SqlCommandCounter.Header"/>, by its
    /// value.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, List<string>> SqlCommands { get; } = new();

    /// <summary>Every log line the server wrote, at every level, rendered as text.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>The server's base address on loopback (Kestrel only).</summary>
    public Uri BaseAddress
    {
        get
        {
            if (!_kestrel)
            {
                throw new InvalidOperationException(
                    "Create the app with kestrel: true to reach it from outside the process."
                );
            }

            StartServer();
            var address = Services
                .GetRequiredService<IServer>()
                .Features.Get<IServerAddressesFeature>()!
                .Addresses.First();
            return new Uri(
                address
                    .Replace("[::]", "127.0.0.1", StringComparison.Ordinal)
                    .Replace("localhost", "127.0.0.1", StringComparison.Ordinal)
            );
        }
    }

    public GraphQLClient CreateGraphQLClient()
    {
        if (_kestrel)
        {
            return new GraphQLClient(new HttpClient { BaseAddress = BaseAddress });
        }

        return new GraphQLClient(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        foreach (var pair in Settings)
        {
            builder.UseSetting(pair.Key, pair.Value);
        }

        if (_kestrel)
        {
            builder.UseUrls("http://127.0.0.1:0");
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IClock>(Clock);
            services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => new SqlCommandCounter(
                sp.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>(),
                SqlCommands
            ));
        });
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CapturedLogs>(null, LogLevel.Debug));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _data.Dispose();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
        GC.SuppressFinalize(this);
    }
}

internal sealed class Configured(IDictionary<string, string?>? settings, bool kestrel)
    : StreamEngineApp(settings, kestrel);

/// <summary>The real clock, which a test may move forward.</summary>
public sealed class TestClock : IClock
{
    private TimeSpan _offset;

    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow + _offset;

    public void Advance(TimeSpan by) => _offset += by;
}

/// <summary>A logger provider that keeps every message (with exception text) for assertions.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter
        )
        {
            ArgumentNullException.ThrowIfNull(formatter);
            owner._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
