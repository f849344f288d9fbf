using System.Diagnostics;
using System.Text;

namespace StreamEngine.Transcoder;

/// <summary>The outcome of one external process.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string ErrorTail, bool TimedOut);

/// <summary>Runs a program with an argument array (never a shell string), a timeout and cancellation; kills the whole
/// process tree when either fires.</summary>
public static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        Action<string>? onOutputLine,
        CancellationToken ct,
        bool captureOutput = true,
        string? workingDirectory = null
    )
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory ?? string.Empty,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var errorTail = new Queue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            onOutputLine?.Invoke(e.Data);
            if (captureOutput)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (errorTail)
            {
                errorTail.Enqueue(e.Data);
                if (errorTail.Count > 30)
                {
                    errorTail.Dequeue();
                }
            }
        };

        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutSource.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = !ct.IsCancellationRequested;
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            await process.WaitForExitAsync(CancellationToken.None);
            ct.ThrowIfCancellationRequested();
        }

        process.WaitForExit();
        string outputText;
        lock (output)
        {
            outputText = output.ToString();
        }

        string tail;
        lock (errorTail)
        {
            tail = string.Join('\n', errorTail);
        }

        return new ProcessResult(timedOut ? -1 : process.ExitCode, outputText, tail, timedOut);
    }
}
