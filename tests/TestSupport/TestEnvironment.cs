namespace StreamEngine.TestSupport;

/// <summary>Addresses of the real services scripts/test.sh starts. A test that needs one and cannot find it fails
/// with the variable's name; nothing is skipped silently.</summary>
public static class TestEnvironment
{
    public const string Postgres = "STREAMENGINE_TEST_POSTGRES";
    public const string Redis = "STREAMENGINE_TEST_REDIS";
    public const string S3 = "STREAMENGINE_TEST_S3";
    public const string Smtp = "STREAMENGINE_TEST_SMTP";
    public const string Smtp4devApi = "STREAMENGINE_TEST_SMTP4DEV_API";
    public const string Peers = "STREAMENGINE_TEST_PEERS";
    public const string Chromium = "STREAMENGINE_TEST_CHROMIUM";

    /// <summary>PostgreSQL's programs (initdb, pg_ctl), for fault tests that stop a server of their own.</summary>
    public const string PostgresBin = "STREAMENGINE_TEST_PGBIN";

    /// <summary>A directory on a small file system of its own (a 64 MiB tmpfs) that a test may fill.</summary>
    public const string SmallDisk = "STREAMENGINE_TEST_SMALL_DISK";

    public static string Require(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"This test needs the environment variable {variable}, which scripts/test.sh sets after starting "
                    + "the service. Run the tests with scripts/test.sh."
            );
        }

        return value;
    }

    /// <summary>The checkout's root (the folder with StreamEngine.sln above the test binaries).</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "StreamEngine.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName
            ?? throw new InvalidOperationException("StreamEngine.sln not found above the test binaries.");
    }
}
