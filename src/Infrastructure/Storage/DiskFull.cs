namespace StreamEngine.Infrastructure.Storage;

/// <summary>Recognises a write refused because the disk is full (ENOSPC on Linux and macOS; ERROR_DISK_FULL and
/// ERROR_HANDLE_DISK_FULL on Windows).</summary>
public static class DiskFull
{
    public static bool Is(Exception exception) =>
        exception is IOException io && io.HResult is 28 or unchecked((int)0x80070070) or unchecked((int)0x80070027);
}
