using StreamEngine.TranscoderTask;

namespace StreamEngine.Transcoder.Tests;

public sealed class TaskEnvironmentTests
{
    private static readonly Dictionary<string, string> Complete = new()
    {
        [TaskEnvironment.Mode] = "Master",
        [TaskEnvironment.VideoId] = "v1",
        [TaskEnvironment.RawBucket] = "raw",
        [TaskEnvironment.RawKey] = "raw/v1/source",
        [TaskEnvironment.ProductionBucket] = "prod",
        [TaskEnvironment.ProductionPrefix] = "v1",
        [TaskEnvironment.Region] = "eu-west-1",
        [TaskEnvironment.Renditions] = "720p, 480p",
        [TaskEnvironment.S3ServiceUrl] = "http://127.0.0.1:4569",
    };

    [Fact]
    public void A_complete_environment_becomes_a_task_spec()
    {
        var (spec, problems) = TaskEnvironment.Read(name => Complete.GetValueOrDefault(name));

        Assert.Empty(problems);
        Assert.Equal(TaskMode.Master, spec!.Mode);
        Assert.Equal("v1/", spec.ProductionPrefix);
        Assert.Equal(["720p", "480p"], spec.Renditions);
        Assert.Equal(new Uri("http://127.0.0.1:4569"), spec.S3ServiceUrl);
        Assert.Null(spec.StatusQueueUrl);
    }

    [Fact]
    public void Missing_or_wrong_variables_are_all_named()
    {
        var broken = new Dictionary<string, string>(Complete)
        {
            [TaskEnvironment.Mode] = "dance",
            [TaskEnvironment.S3ServiceUrl] = "not a url",
        };
        broken.Remove(TaskEnvironment.RawKey);

        var (spec, problems) = TaskEnvironment.Read(name => broken.GetValueOrDefault(name));

        Assert.Null(spec);
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith(TaskEnvironment.RawKey, StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith(TaskEnvironment.Mode, StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith(TaskEnvironment.S3ServiceUrl, StringComparison.Ordinal));
    }
}
