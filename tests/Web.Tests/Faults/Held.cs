using Npgsql;
using StreamEngine.TestSupport;
using StreamEngine.Web.Tests.Videos;

namespace StreamEngine.Web.Tests.Faults;

/// <summary>Ways to hold a server process at an exact moment, so that a fault test can kill it there, and to wait for
/// that moment.</summary>
internal static class Held
{
    /// <summary>ffmpeg behind a gate a test opens and closes (a file that must exist): an encode held.</summary>
    public static string GatedFfmpeg(string folder, string gate)
    {
        return Script(folder, "ffmpeg-gated.sh", $"while [ ! -e '{gate}' ]; do sleep 0.1; done\nexec ffmpeg \"$@\"\n");
    }

    /// <summary>An executable shell script in <paramref name="folder"/>: a tool's stand-in.</summary>
    public static string Script(string folder, string name, string body)
    {
        var script = Path.Combine(folder, name);
        File.WriteAllText(script, "#!/bin/sh\n" + body);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return script;
    }

    /// <summary>A tool that, when its arguments contain <paramref name="pattern"/>, writes the marker and stops for
    /// ever instead of running; otherwise runs as usual.</summary>
    public static string Wrapped(string folder, string tool, string pattern, string marker)
    {
        return Script(
            folder,
            tool + "-held.sh",
            $"case \"$*\" in *'{pattern}'*) echo held > '{marker}'; while :; do sleep 1; done;; esac\n"
                + $"exec {tool} \"$@\"\n"
        );
    }

    /// <summary>Holds the READY commit inside its transaction: once the job runs, the test locks against writes the
    /// outbox table, which only a status change writes to (the webhook outbox, in the same transaction as the video);
    /// returns when a backend waits on that lock.</summary>
    public static async Task HoldReadyCommitAsync(NpgsqlConnection locker, ServerProcess server)
    {
        await locker.OpenAsync();
        var transaction = await locker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE outbox_messages IN SHARE MODE", locker, transaction))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        await using var waiting = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE pg_blocking_pids(pid) @> ARRAY[pg_backend_pid()]",
            locker,
            transaction
        );
        for (var i = 0; i < 1200; i++)
        {
            if ((long)(await waiting.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            Assert.False(server.HasExited, "the server exited");
            await Task.Delay(100);
        }

        throw new TimeoutException("The READY commit never reached the outbox.");
    }

    /// <summary>Waits until the job is under way (its start and lease written), so that only its end remains.</summary>
    public static async Task WaitForStageAsync(GraphQLClient client, string videoId, ServerProcess server, string stage)
    {
        for (var i = 0; i < 1200; i++)
        {
            if ((await client.VideoAsync(videoId))?["progress"]?["stage"]?.GetValue<string>() == stage)
            {
                return;
            }

            Assert.False(server.HasExited, "the server exited");
            await Task.Delay(50);
        }

        throw new TimeoutException($"The video never reached {stage}.");
    }

    /// <summary>How many times the video's job was taken: twice when the first worker died with it.</summary>
    public static async Task<int> AttemptsAsync(PostgresTestDatabase database, string videoId)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var attempts = new NpgsqlCommand(
            "SELECT \"Attempts\" FROM transcode_jobs WHERE \"VideoId\" = $1",
            connection
        );
        attempts.Parameters.Add(new NpgsqlParameter { Value = TestIds.Key(videoId) });
        return (int)(await attempts.ExecuteScalarAsync())!;
    }

    public static async Task WaitForAsync(ServerProcess server, Func<bool> reached)
    {
        for (var i = 0; i < 1200 && !reached(); i++)
        {
            Assert.False(server.HasExited, "the server exited:\n" + string.Join('\n', server.Output.TakeLast(30)));
            await Task.Delay(50);
        }

        Assert.True(reached(), "the moment was never reached:\n" + string.Join('\n', server.Output.TakeLast(30)));
    }
}
