using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Videos;
using StreamEngine.Infrastructure.Configuration;

namespace StreamEngine.Infrastructure.Pipelines.Aws;

/// <summary>The <c>StreamEngine:Sqs</c> section: the status queue the state machine reports to.</summary>
public sealed class SqsOptions
{
    public const string Section = "StreamEngine:Sqs";

    public Uri? StatusQueueUrl { get; set; }

    public string Region { get; set; } = "us-east-1";

    /// <summary>Override of the SQS endpoint (tests point it at a local stub).</summary>
    public Uri? ServiceUrl { get; set; }

    public string? AccessKeyId { get; set; }

    public string? SecretAccessKey { get; set; }

    public AmazonSQSClient CreateClient()
    {
        var config = AwsClientSettings.Configure(new AmazonSQSConfig(), Region, ServiceUrl);
        return AwsClientSettings.Credentials(AccessKeyId, SecretAccessKey) is { } credentials
            ? new AmazonSQSClient(credentials, config)
            : new AmazonSQSClient(config);
    }
}

/// <summary>Consumes the status queue with long polling and applies each message idempotently (delivery is at least
/// once and unordered); a message is deleted only once applied, and one that cannot be read is left for the queue's
/// dead-letter queue.</summary>
internal sealed class SqsStatusConsumer(
    IAmazonSQS sqs,
    IServiceScopeFactory scopes,
    IOptions<SqsOptions> options,
    ILogger<SqsStatusConsumer> logger
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = options.Value.StatusQueueUrl!.ToString();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var received = await sqs.ReceiveMessageAsync(
                    new ReceiveMessageRequest
                    {
                        QueueUrl = queue,
                        MaxNumberOfMessages = 10,
                        WaitTimeSeconds = 20,
                    },
                    stoppingToken
                );
                foreach (var message in received.Messages ?? [])
                {
                    await HandleAsync(queue, message, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
                when (ex is AmazonSQSException or HttpRequestException or Amazon.Runtime.AmazonClientException)
            {
                logger.LogWarning(ex, "Reading the status queue failed; retrying shortly");
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    private async Task HandleAsync(string queue, Message message, CancellationToken ct)
    {
        if (PipelineStatus.TryParse(message.Body) is not { } status)
        {
            logger.LogWarning(
                "Status message {MessageId} is not readable; leaving it for the dead-letter queue",
                message.MessageId
            );
            return;
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ApplyPipelineStatus>().Handle(status, ct);
        }

        await sqs.DeleteMessageAsync(queue, message.ReceiptHandle, ct);
    }
}
