using System.Security.Cryptography;
using System.Text;
using StreamEngine.Infrastructure.Configuration;

namespace StreamEngine.Infrastructure.Storage;

/// <summary>HMAC-SHA256 signatures for the URLs this server hands out (upload parts, media), with a key kept under
/// the data directory.</summary>
public sealed class UrlSignature(DataDirectory dataDirectory)
{
    private readonly byte[] _key = SecretKeyFile.LoadOrCreate(dataDirectory, "url-signing.key");

    public string Sign(string canonical) =>
        Convert
            .ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(canonical)))
            .TrimEnd('=')
            .Replace('+', '-')
            .Replace('/', '_');

    public bool Verify(string canonical, string? signature) =>
        signature is { Length: > 0 and < 100 }
        && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Sign(canonical)),
            Encoding.ASCII.GetBytes(signature)
        );
}
