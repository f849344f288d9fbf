namespace StreamEngine.TestSupport;

/// <summary>The embedded default's e-mail outbox folder. Mail leaves the request path, so a test waits for
/// it.</summary>
public static class Outbox
{
    public static string[] WaitForMessages(
        string dataDirectory,
        Func<string, bool> match,
        int atLeast = 1,
        int seconds = 20
    )
    {
        var folder = Path.Combine(dataDirectory, "outbox");
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var found = Directory.Exists(folder)
                ? Directory
                    .GetFiles(folder, "*.eml")
                    .OrderBy(File.GetLastWriteTimeUtc)
                    .Select(File.ReadAllText)
                    .Where(match)
                    .ToArray()
                : [];
            if (found.Length >= atLeast || DateTime.UtcNow > deadline)
            {
                return found;
            }

            Thread.Sleep(50);
        }
    }
}
