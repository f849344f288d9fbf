using Microsoft.Extensions.Options;

namespace StreamEngine.Infrastructure.Email;

public enum EmailProvider
{
    /// <summary>Write each message as an .eml file under <c>{DataDirectory}/outbox</c> and log its path.</summary>
    Outbox,

    /// <summary>Send through an SMTP server with MailKit.</summary>
    Smtp,
}

public enum SmtpTlsMode
{
    /// <summary>STARTTLS when the server offers it.</summary>
    Auto,
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>The <c>StreamEngine:Email</c> section.</summary>
public sealed class EmailOptions
{
    public const string Section = "StreamEngine:Email";

    public EmailProvider Provider { get; set; } = EmailProvider.Outbox;

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpTlsMode TlsMode { get; set; } = SmtpTlsMode.StartTls;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "no-reply@streamengine.local";

    public string FromName { get; set; } = "StreamEngine";
}

internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        if (options.Provider == EmailProvider.Smtp && string.IsNullOrWhiteSpace(options.Host))
        {
            return ValidateOptionsResult.Fail(
                $"{EmailOptions.Section}:Host is required when {EmailOptions.Section}:Provider is Smtp."
            );
        }

        if (options.Port is <= 0 or > 65535)
        {
            return ValidateOptionsResult.Fail($"{EmailOptions.Section}:Port must be between 1 and 65535.");
        }

        return Domain.Users.EmailAddress.TryParse(options.FromAddress, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{EmailOptions.Section}:FromAddress is not an e-mail address.");
    }
}
