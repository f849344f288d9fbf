using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace StreamEngine.TestSupport;

/// <summary>Local stand-ins for Step Functions and SQS, which cannot be reached here. They speak the documented JSON
/// protocols (awsJson1_0, X-Amz-Target), record every request and answer in the documented shapes. Contract-tested
/// only.</summary>
public sealed class AwsStubs : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _queue = new();

    private AwsStubs(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public ConcurrentQueue<(string Target, JsonElement Body, string Authorization)> Requests { get; } = new();

    public ConcurrentQueue<string> DeletedReceipts { get; } = new();

    /// <summary>Executions by name and the status DescribeExecution reports (RUNNING once started); a test changes
    /// or removes one to play an execution that ended, or one that never existed.</summary>
    public ConcurrentDictionary<string, string> Executions { get; } = new();

    /// <summary>How many StartExecution calls to refuse (ThrottlingException) before accepting.</summary>
    public int RefuseStarts { get; set; }

    public static async Task<AwsStubs> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var stubs = new AwsStubs(app);
        app.MapPost("/", (Delegate)stubs.HandleAsync);
        await app.StartAsync();
        stubs.Url = new Uri(
            app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/"
        );
        return stubs;
    }

    /// <summary>Puts a message on the status queue, as the state machine's sqs:sendMessage would.</summary>
    public void Enqueue(string body) => _queue.Enqueue(body);

    public int Pending => _queue.Count;

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync();
        var body = JsonDocument.Parse(text).RootElement.Clone();
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        Requests.Enqueue((target, body, context.Request.Headers.Authorization.ToString()));
        return target switch
        {
            "AWSStepFunctions.StartExecution" => Start(body),
            "AWSStepFunctions.DescribeExecution" => Describe(body),
            "AWSStepFunctions.StopExecution" => Json(new { stopDate = 1.7956e9 }),
            "AmazonSQS.ReceiveMessage" => await ReceiveAsync(),
            "AmazonSQS.DeleteMessage" => Delete(body),
            "AmazonSQS.SendMessage" => Send(body),
            _ => Results.Json(new { __type = "UnknownOperationException", message = target }, statusCode: 400),
        };
    }

    private IResult Start(JsonElement body)
    {
        if (RefuseStarts > 0)
        {
            RefuseStarts--;
            return Results.Json(new { __type = "ThrottlingException", message = "Rate exceeded" }, statusCode: 400);
        }

        var name = body.GetProperty("name").GetString()!;
        Executions.TryAdd(name, "RUNNING");
        return Json(
            new
            {
                executionArn = "arn:aws:states:us-east-1:123456789012:execution:transcode:" + name,
                startDate = 1.7956e9,
            }
        );
    }

    private IResult Describe(JsonElement body)
    {
        var arn = body.GetProperty("executionArn").GetString()!;
        if (!Executions.TryGetValue(arn[(arn.LastIndexOf(':') + 1)..], out var status))
        {
            return Results.Json(
                new { __type = "com.amazonaws.swf.service.v2.model#ExecutionDoesNotExist", message = arn },
                statusCode: 400
            );
        }

        return Json(
            new
            {
                executionArn = arn,
                status,
                startDate = 1.7956e9,
                error = status == "FAILED" ? "States.TaskFailed" : null,
                cause = status == "FAILED" ? "The encode task exited with 1." : null,
            }
        );
    }

    private async Task<IResult> ReceiveAsync()
    {
        for (var i = 0; i < 10 && _queue.IsEmpty; i++)
        {
            await Task.Delay(50);
        }

        var messages = new List<object>();
        while (messages.Count < 10 && _queue.TryDequeue(out var body))
        {
#pragma warning disable CA5351 // SQS's MD5OfBody is MD5 by definition; the SDK checks it.
            var hash = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(body)));
#pragma warning restore CA5351
            messages.Add(
                new
                {
                    MessageId = Guid.NewGuid().ToString(),
                    ReceiptHandle = "receipt-" + Guid.NewGuid().ToString("N"),
                    MD5OfBody = hash,
                    Body = body,
                }
            );
        }

        return Json(new { Messages = messages });
    }

    private IResult Send(JsonElement body)
    {
        var message = body.GetProperty("MessageBody").GetString()!;
        _queue.Enqueue(message);
        Sent.Enqueue(message);
#pragma warning disable CA5351 // SQS's MD5OfMessageBody is MD5 by definition; the SDK checks it.
        var hash = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(message)));
#pragma warning restore CA5351
        return Json(new { MD5OfMessageBody = hash, MessageId = Guid.NewGuid().ToString() });
    }

    /// <summary>Every message sent to the queue (by the transcoder task's progress reports).</summary>
    public ConcurrentQueue<string> Sent { get; } = new();

    private IResult Delete(JsonElement body)
    {
        DeletedReceipts.Enqueue(body.GetProperty("ReceiptHandle").GetString()!);
        return Json(new { });
    }

    private static IResult Json(object value) =>
        Results.Text(JsonSerializer.Serialize(value), "application/x-amz-json-1.0");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
