using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StreamEngine.Infrastructure.Live;

/// <summary>The RTMP ingest: Debian's nginx with its RTMP module, run by this server as a child process. nginx accepts
/// broadcasters on one port, asks us over HTTP (<c>on_publish</c>) before it reads any media, renames an accepted
/// stream from its key to its id (so the key appears nowhere else), records every connection, and serves the stream
/// to our ladder on loopback only. A dying nginx is started again.</summary>
public sealed class NginxRtmpServer(
    LiveFolders folders,
    IOptions<LiveIngestOptions> options,
    ILogger<NginxRtmpServer> logger
) : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _supervision;

    /// <summary>The RTMP port in use (the configured one, or the free one picked).</summary>
    public int RtmpPort { get; private set; }

    /// <summary>The loopback port of nginx's control interface (drops publishers).</summary>
    public int ControlPort { get; private set; }

    public bool Started => _supervision is not null;

    /// <summary>Where our ladder reads a stream from.</summary>
    public string LoopbackUrlOf(Guid streamId) =>
        string.Create(CultureInfo.InvariantCulture, $"rtmp://127.0.0.1:{RtmpPort}/live/{streamId:N}");

    /// <summary>Writes the configuration and starts nginx, which calls <paramref name="hooks"/> (ours, with a
    /// secret path) for every publish.</summary>
    public void Start(Uri hooks)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        if (_supervision is not null)
        {
            return;
        }

        var settings = options.Value;
        RtmpPort = settings.RtmpPort == 0 ? FreePort() : settings.RtmpPort;
        ControlPort = FreePort();
        var config = Path.Combine(folders.Nginx, "nginx.conf");
        File.WriteAllText(config, Configuration(hooks, settings));
        StopLeftover();
        _supervision = SuperviseAsync(config, _stopping.Token);
    }

    private string Configuration(Uri hooks, LiveIngestOptions settings)
    {
        var nginx = folders.Nginx;
        var user = Environment.UserName == "root" ? "user root;\n" : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $$"""
            load_module {{settings.RtmpModulePath}};
            {{user}}daemon off;
            master_process off;
            worker_processes 1;
            pid {{nginx}}/nginx.pid;
            error_log {{nginx}}/error.log warn;
            events { worker_connections 1024; }
            rtmp {
              server {
                listen {{settings.RtmpAddress}}:{{RtmpPort}};
                chunk_size 4096;
                application live {
                  live on;
                  allow play 127.0.0.1;
                  deny play all;
                  on_publish {{hooks}}publish;
                  notify_method post;
                  drop_idle_publisher 10s;
                  wait_key on;
                  idle_streams off;
                  record all;
                  record_path {{folders.Recordings}};
                  record_unique on;
                }
              }
            }
            http {
              access_log off;
              client_body_temp_path {{nginx}}/body;
              server {
                listen 127.0.0.1:{{ControlPort}};
                location /control { rtmp_control all; }
              }
            }

            """
        );
    }

    private async Task SuperviseAsync(string config, CancellationToken ct)
    {
        var settings = options.Value;
        while (!ct.IsCancellationRequested)
        {
            var started = Stopwatch.StartNew();
            try
            {
                var start = new ProcessStartInfo(settings.NginxPath)
                {
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                    UseShellExecute = false,
                };
                foreach (
                    var argument in new[]
                    {
                        "-p",
                        folders.Nginx,
                        "-c",
                        config,
                        "-e",
                        Path.Combine(folders.Nginx, "error.log"),
                    }
                )
                {
                    start.ArgumentList.Add(argument);
                }

                using var process = Process.Start(start)!;
                var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                try
                {
                    await process.WaitForExitAsync(ct);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None);
                    return;
                }

                logger.LogError(
                    "The RTMP ingest (nginx) exited with code {Code}: {Errors}",
                    process.ExitCode,
                    (await errors).Trim()
                );
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                logger.LogError(ex, "The RTMP ingest (nginx at {Path}) could not start", settings.NginxPath);
            }

            // A crash loop backs off; a long-lived nginx that dies comes back at once.
            var pause = started.Elapsed < TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5) : TimeSpan.Zero;
            await Task.Delay(pause, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>An nginx left by an earlier run of this server that died without stopping it.</summary>
    private void StopLeftover()
    {
        var pidFile = Path.Combine(folders.Nginx, "nginx.pid");
        if (
            File.Exists(pidFile)
            && int.TryParse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture, out var pid)
        )
        {
            try
            {
                using var leftover = Process.GetProcessById(pid);
                if (leftover.ProcessName == "nginx")
                {
                    leftover.Kill();
                    leftover.WaitForExit(5000);
                }
            }
            catch (ArgumentException) { }
            catch (InvalidOperationException) { }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        if (_supervision is not null)
        {
            await _supervision;
        }
    }

    public void Dispose() => _stopping.Dispose();
}
