using System.Text.RegularExpressions;
using StreamEngine.Fakes;

namespace StreamEngine.Application.Tests.Users;

/// <summary>Reads the link token and the six-digit code out of the last mail a fake sent.</summary>
internal static partial class Mail
{
    public static string Token(RecordingEmail email) => TokenPattern().Match(email.Sent[^1].TextBody).Groups[1].Value;

    public static string Code(RecordingEmail email) => CodePattern().Match(email.Sent[^1].TextBody).Groups[1].Value;

    [GeneratedRegex("token=([A-Za-z0-9_-]+)")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"\b(\d{6})\b")]
    private static partial Regex CodePattern();
}
