using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Infrastructure.Email;

/// <summary>Sends through SMTP with MailKit; certificate checks stay on (the default validation).</summary>
internal sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailTransport
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        using var client = new SmtpClient { Timeout = 30_000 };
        var tls = settings.TlsMode switch
        {
            SmtpTlsMode.None => SecureSocketOptions.None,
            SmtpTlsMode.StartTls => SecureSocketOptions.StartTls,
            SmtpTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };
        await client.ConnectAsync(settings.Host!, settings.Port, tls, ct);
        if (!string.IsNullOrEmpty(settings.Username))
        {
            await client.AuthenticateAsync(settings.Username, settings.Password ?? string.Empty, ct);
        }

        await client.SendAsync(MimeMessages.Create(message, settings), ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
