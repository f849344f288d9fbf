using Microsoft.Extensions.Options;
using StreamEngine.Application.Common;

namespace StreamEngine.Application.Users;

/// <summary>Length, not the e-mail address or handle, and not one of the most common passwords.</summary>
public sealed class PasswordPolicy(IOptions<AccountOptions> options)
{
    public const int MaxLength = 128;

    // The most common passwords of public breach corpora (lower-cased), plus the obvious product-specific ones.
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "123456",
        "password",
        "12345678",
        "qwerty",
        "123456789",
        "12345",
        "1234",
        "111111",
        "1234567",
        "dragon",
        "123123",
        "baseball",
        "abc123",
        "football",
        "monkey",
        "letmein",
        "696969",
        "shadow",
        "master",
        "666666",
        "qwertyuiop",
        "123321",
        "mustang",
        "1234567890",
        "michael",
        "654321",
        "superman",
        "1qaz2wsx",
        "7777777",
        "121212",
        "000000",
        "qazwsx",
        "123qwe",
        "killer",
        "trustno1",
        "jordan",
        "jennifer",
        "zxcvbnm",
        "asdfgh",
        "hunter",
        "buster",
        "soccer",
        "harley",
        "batman",
        "andrew",
        "tigger",
        "sunshine",
        "iloveyou",
        "2000",
        "charlie",
        "robert",
        "thomas",
        "hockey",
        "ranger",
        "daniel",
        "starwars",
        "klaster",
        "112233",
        "george",
        "computer",
        "michelle",
        "jessica",
        "pepper",
        "1111",
        "zxcvbn",
        "555555",
        "11111111",
        "131313",
        "freedom",
        "777777",
        "pass",
        "maggie",
        "159753",
        "aaaaaa",
        "ginger",
        "princess",
        "joshua",
        "cheese",
        "amanda",
        "summer",
        "love",
        "ashley",
        "nicole",
        "chelsea",
        "biteme",
        "matthew",
        "access",
        "yankees",
        "987654321",
        "dallas",
        "austin",
        "thunder",
        "taylor",
        "matrix",
        "password1",
        "password12",
        "password123",
        "passw0rd",
        "p@ssw0rd",
        "p@ssword",
        "welcome",
        "welcome1",
        "welcome123",
        "admin",
        "admin123",
        "administrator",
        "qwerty123",
        "qwerty1234",
        "1q2w3e4r",
        "1q2w3e4r5t",
        "q1w2e3r4t5",
        "zaq12wsx",
        "abcd1234",
        "abcdef",
        "abcdefgh",
        "abcdefghij",
        "iloveyou1",
        "sunshine1",
        "princess1",
        "football1",
        "baseball1",
        "letmein1",
        "monkey123",
        "dragon123",
        "0123456789",
        "9876543210",
        "1234512345",
        "1122334455",
        "qwertyuiop1",
        "asdfghjkl",
        "asdfghjkl1",
        "zxcvbnm123",
        "changeme",
        "changeme123",
        "secret",
        "secret123",
        "default",
        "streamengine",
        "streamengine1",
        "streamengine123",
        "youtube",
        "youtube123",
        "video123",
        "videos123",
    };

    public Error? Check(string? password, string? email, string? handle, string field = "password")
    {
        var min = options.Value.MinPasswordLength;
        if (string.IsNullOrEmpty(password) || password.Length < min)
        {
            return AccountErrors.WeakPassword($"A password has at least {min} characters.", field);
        }

        if (password.Length > MaxLength)
        {
            return AccountErrors.WeakPassword($"A password has at most {MaxLength} characters.", field);
        }

        var lowered = password.ToLowerInvariant();
        if (Common.Contains(lowered) || password.Distinct().Count() < 4)
        {
            return AccountErrors.WeakPassword("This password is too common or too simple; choose another.", field);
        }

        var local = email?.Split('@')[0].ToLowerInvariant();
        if (
            (email is not null && lowered.Contains(email.ToLowerInvariant(), StringComparison.Ordinal))
            || (local is { Length: >= 4 } && lowered.Contains(local, StringComparison.Ordinal))
            || (handle is { Length: >= 4 } && lowered.Contains(handle.ToLowerInvariant(), StringComparison.Ordinal))
        )
        {
            return AccountErrors.WeakPassword("A password must not contain your e-mail address or handle.", field);
        }

        return null;
    }
}
