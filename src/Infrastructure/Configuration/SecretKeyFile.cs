using System.Security.Cryptography;

namespace StreamEngine.Infrastructure.Configuration;

/// <summary>A random key the embedded default generates on first start and keeps under <c>{DataDirectory}/keys</c>,
/// readable by this user only, so signatures stay valid across restarts.</summary>
public static class SecretKeyFile
{
    public static byte[] LoadOrCreate(DataDirectory dataDirectory, string name, int bytes = 64)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var path = dataDirectory.Combine("keys", name);
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temp, Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException)
        {
            // Another process wrote it first: use theirs.
            File.Delete(temp);
        }

        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}
