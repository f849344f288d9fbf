using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Infrastructure.Configuration;
using StreamEngine.Infrastructure.Email;
using StreamEngine.TestSupport;

namespace StreamEngine.Infrastructure.Tests;

public sealed class EmailAdapterTests
{
    [Fact]
    public async Task The_smtp_sender_delivers_text_and_html_through_a_real_smtp_server()
    {
        var smtp = TestEnvironment.Require(TestEnvironment.Smtp).Split(':');
        var sender = new SmtpEmailSender(
            Options.Create(
                new EmailOptions
                {
                    Provider = EmailProvider.Smtp,
                    Host = smtp[0],
                    Port = int.Parse(smtp[1], System.Globalization.CultureInfo.InvariantCulture),
                    TlsMode = SmtpTlsMode.None,
                    FromAddress = "sender@streamengine.test",
                }
            )
        );
        var to = $"smtp.{Guid.NewGuid():N}@example.com";
        using var mailbox = new Smtp4dev();

        await sender.SendAsync(
            new EmailMessage(to, "Hello über SMTP", "Plain body 123456", "<p>HTML body</p>"),
            default
        );
        var (subject, text) = await mailbox.WaitForMessageAsync(to, TimeSpan.FromSeconds(30));

        Assert.Equal("Hello über SMTP", subject);
        Assert.Contains("Plain body 123456", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_outbox_writes_one_eml_file_per_message_under_the_data_directory()
    {
        using var data = new TempDirectory();
        var sender = new FileOutboxEmailSender(
            Options.Create(new EmailOptions()),
            new DataDirectory(data.Path),
            NullLogger<FileOutboxEmailSender>.Instance
        );

        await sender.SendAsync(new EmailMessage("a@example.com", "Subject line", "Text", "<p>Html</p>"), default);

        var file = Assert.Single(Directory.GetFiles(Path.Combine(data.Path, "outbox"), "*.eml"));
        var content = await File.ReadAllTextAsync(file);
        Assert.Contains("Subject: Subject line", content, StringComparison.Ordinal);
        Assert.Contains("To: a@example.com", content, StringComparison.Ordinal);
    }
}
