namespace StreamEngine.Infrastructure.Configuration;

/// <summary>The resolved, existing data directory under which the embedded default writes everything.</summary>
public sealed class DataDirectory
{
    public DataDirectory(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts)
    {
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine([Path, .. parts]));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        return full;
    }
}
