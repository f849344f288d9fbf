using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Infrastructure.Configuration;

namespace StreamEngine.Infrastructure.Email;

/// <summary>The embedded default: each message becomes an .eml file under <c>{DataDirectory}/outbox</c>, written under
/// a temporary name and renamed, so a reader of the folder never sees half a message.</summary>
internal sealed class FileOutboxEmailSender(
    IOptions<EmailOptions> options,
    DataDirectory dataDirectory,
    ILogger<FileOutboxEmailSender> logger
) : IEmailTransport
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        var path = dataDirectory.Combine("outbox", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
        var mime = MimeMessages.Create(message, options.Value);
        var partial = path + ".partial";
        await mime.WriteToAsync(partial, ct);
        File.Move(partial, path);

        // The recipient is not logged: the path is enough to find the message.
        logger.LogInformation("E-mail \"{Subject}\" written to {Path}", message.Subject, path);
    }
}
