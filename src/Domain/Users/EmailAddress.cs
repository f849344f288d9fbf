using System.Diagnostics.CodeAnalysis;
using System.Net.Mail;

namespace StreamEngine.Domain.Users;

/// <summary>An e-mail address, trimmed and lower-cased so that one mailbox is one account.</summary>
public sealed record EmailAddress
{
    public const int MaxLength = 254;

    private EmailAddress(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? input, [NotNullWhen(true)] out EmailAddress? email)
    {
        email = null;
        var trimmed = input?.Trim();
        if (
            string.IsNullOrEmpty(trimmed)
            || trimmed.Length > MaxLength
            || trimmed.Contains(' ', StringComparison.Ordinal)
        )
        {
            return false;
        }

        if (
            !MailAddress.TryCreate(trimmed, out var parsed)
            || parsed.Address != trimmed
            || !parsed.Host.Contains('.', StringComparison.Ordinal)
        )
        {
            return false;
        }

        email = new EmailAddress(trimmed.ToLowerInvariant());
        return true;
    }

    public override string ToString() => Value;
}
