using System.Diagnostics;

namespace StreamEngine.Transcoder.Tests;

/// <summary>The deployment files against the real specifications: the template through <c>cfn-lint</c> (the
/// CloudFormation resource specification) and the state machine through npm's <c>asl-validator</c> (the Amazon States
/// Language schema, its paths and ARNs).</summary>
public sealed class AwsSpecValidatorsTests
{
    private static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "StreamEngine.sln")))
        {
            directory = directory.Parent;
        }

        return directory!.FullName;
    }

    [Fact]
    public async Task The_template_passes_cfn_lint()
    {
        // W3002: a local DefinitionS3Location needs `aws cloudformation package`, which is how the template is
        // deployed (its description says so).
        var (exit, output) = await RunAsync(
            "cfn-lint",
            ["--ignore-checks", "W3002", "--", Path.Combine(Root(), "infra", "aws", "template.yaml")]
        );

        Assert.True(exit == 0, "cfn-lint: " + output);
    }

    [Fact]
    public async Task The_state_machine_passes_asl_validator()
    {
        var peers = Path.Combine(Root(), "tests", "peers");
        var (exit, output) = await RunAsync(
            "node",
            [
                Path.Combine(peers, "node_modules", "asl-validator", "dist", "bin", "asl-validator.js"),
                "--json-path",
                Path.Combine(Root(), "infra", "aws", "transcode.asl.json"),
            ]
        );

        Assert.True(exit == 0, "asl-validator: " + output);
        Assert.Contains("is valid", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string tool, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(tool + " could not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
