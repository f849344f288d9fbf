namespace StreamEngine.Infrastructure.Storage;

public enum StorageProvider
{
    /// <summary>Files under <c>{DataDirectory}</c>: uploads/, sources/, media/.</summary>
    Local,

    /// <summary>The raw and production buckets of <c>StreamEngine:S3</c>.</summary>
    S3,
}

/// <summary>The <c>StreamEngine:Storage</c> section.</summary>
public sealed class StorageOptions
{
    public const string Section = "StreamEngine:Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Local;
}
