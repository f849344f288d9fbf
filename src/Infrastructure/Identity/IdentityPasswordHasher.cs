using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Infrastructure.Identity;

/// <summary>ASP.NET Core Identity's PasswordHasher, format v3: PBKDF2 with HMAC-SHA512, 128-bit salt, 256-bit subkey,
/// 100,000 iterations (configurable up, never down). Hashes made with fewer iterations are upgraded at next
/// login.</summary>
internal sealed class IdentityPasswordHasher(IOptions<PasswordHasherOptions> options)
    : Application.Abstractions.IPasswordHasher
{
    private static readonly object Subject = new();
    private readonly PasswordHasher<object> _hasher = new(options);

    public string Hash(string password) => _hasher.HashPassword(Subject, password);

    public PasswordCheck Verify(string hash, string password) =>
        _hasher.VerifyHashedPassword(Subject, hash, password) switch
        {
            PasswordVerificationResult.Success => PasswordCheck.Success,
            PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SuccessRehashNeeded,
            _ => PasswordCheck.Failed,
        };
}
