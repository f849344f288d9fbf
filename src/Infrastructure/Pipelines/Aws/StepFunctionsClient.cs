using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Infrastructure.Pipelines.Aws;

/// <summary>The <c>StreamEngine:StepFunctions</c> section.</summary>
public sealed class StepFunctionsOptions
{
    public const string Section = "StreamEngine:StepFunctions";

    public string Region { get; set; } = "us-east-1";

    public string? StateMachineArn { get; set; }

    /// <summary>Override of https://states.{Region}.amazonaws.com/ (tests point it at a local stub).</summary>
    public Uri? ServiceUrl { get; set; }

    public string? AccessKeyId { get; set; }

    public string? SecretAccessKey { get; set; }

    public string? SessionToken { get; set; }
}

/// <summary>What DescribeExecution says of an execution.</summary>
public sealed record ExecutionState(string Status, string? Error, string? Cause);

/// <summary>A Step Functions error answer: its <c>__type</c> and message.</summary>
public sealed class StepFunctionsException(string type, string message) : Exception($"{type}: {message}")
{
    public StepFunctionsException()
        : this("Unknown", "Step Functions refused the request.") { }

    public StepFunctionsException(string message)
        : this("Unknown", message) { }

    public StepFunctionsException(string message, Exception inner)
        : this("Unknown", message + " " + inner?.Message) { }

    public string Type { get; } = type;
}

/// <summary>The Step Functions calls we need (StartExecution, DescribeExecution, StopExecution) over the documented
/// JSON protocol (awsJson1_0, X-Amz-Target: AWSStepFunctions.*), signed with SigV4 by AWSSDK.Core, since the
/// AWSSDK.StepFunctions package is not available to us. Contract-tested only, against a local stub that checks the
/// signature.</summary>
public sealed class StepFunctionsClient(HttpClient http, IOptions<StepFunctionsOptions> options, IClock clock)
{
    public const string SignedHeaders = "content-type;host;x-amz-date;x-amz-target";

    /// <summary>Starts an execution named after the video, so a retry cannot start a second one; returns its ARN, or
    /// null when an execution of that name already exists.</summary>
    public async Task<string?> StartExecutionAsync(string name, string inputJson, CancellationToken ct)
    {
        try
        {
            using var answer = await CallAsync(
                "StartExecution",
                new
                {
                    stateMachineArn = options.Value.StateMachineArn,
                    name,
                    input = inputJson,
                },
                ct
            );
            return answer.RootElement.GetProperty("executionArn").GetString();
        }
        catch (StepFunctionsException ex) when (ex.Type.EndsWith("ExecutionAlreadyExists", StringComparison.Ordinal))
        {
            return null;
        }
    }

    /// <summary>An execution's status (RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE) with its
    /// error and cause when it failed; null when no execution has that ARN.</summary>
    public async Task<ExecutionState?> DescribeExecutionAsync(string executionArn, CancellationToken ct)
    {
        try
        {
            using var answer = await CallAsync("DescribeExecution", new { executionArn }, ct);
            var root = answer.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var v) ? v.GetString() : null;
            return new ExecutionState(Text("status") ?? "UNKNOWN", Text("error"), Text("cause"));
        }
        catch (StepFunctionsException ex) when (ex.Type.EndsWith("ExecutionDoesNotExist", StringComparison.Ordinal))
        {
            return null;
        }
    }

    public async Task StopExecutionAsync(string executionArn, string cause, CancellationToken ct)
    {
        using var _ = await CallAsync("StopExecution", new { executionArn, cause }, ct);
    }

    private async Task<JsonDocument> CallAsync(string target, object body, CancellationToken ct)
    {
        var settings = options.Value;
        var endpoint = settings.ServiceUrl ?? new Uri($"https://states.{settings.Region}.amazonaws.com/");
        var payload = JsonSerializer.SerializeToUtf8Bytes(body);
        var signedAt = clock.UtcNow.UtcDateTime;
        var amzDate = signedAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var host = endpoint.IsDefaultPort ? endpoint.Host : $"{endpoint.Host}:{endpoint.Port}";
        var amzTarget = "AWSStepFunctions." + target;
        var canonicalRequest = CanonicalRequest(host, amzDate, amzTarget, payload);
        var credentials = new ImmutableCredentials(
            settings.AccessKeyId,
            settings.SecretAccessKey,
            settings.SessionToken
        );
        var signing = AWS4Signer.ComputeSignature(
            credentials,
            settings.Region,
            signedAt,
            "states",
            SignedHeaders,
            canonicalRequest
        );

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new ByteArrayContent(payload),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-amz-json-1.0");
        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", amzTarget);
        request.Headers.TryAddWithoutValidation("Authorization", signing.ForAuthorizationHeader);
        if (!string.IsNullOrEmpty(settings.SessionToken))
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", settings.SessionToken);
        }

        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        var document = JsonDocument.Parse(string.IsNullOrEmpty(text) ? "{}" : text);
        if (response.IsSuccessStatusCode)
        {
            return document;
        }

        using (document)
        {
            var type = document.RootElement.TryGetProperty("__type", out var t)
                ? t.GetString() ?? "Unknown"
                : "Unknown";
            var message = document.RootElement.TryGetProperty("message", out var m)
                ? m.GetString() ?? string.Empty
                : text;
            throw new StepFunctionsException(type, message);
        }
    }

    /// <summary>SigV4's canonical request for a POST to "/" with no query: the signed headers, lower-cased and sorted,
    /// and the payload's SHA-256.</summary>
    public static string CanonicalRequest(string host, string amzDate, string amzTarget, byte[] payload) =>
        "POST\n/\n\n"
        + "content-type:application/x-amz-json-1.0\n"
        + $"host:{host}\n"
        + $"x-amz-date:{amzDate}\n"
        + $"x-amz-target:{amzTarget}\n\n"
        + SignedHeaders
        + "\n"
        + Convert.ToHexStringLower(SHA256.HashData(payload));
}
