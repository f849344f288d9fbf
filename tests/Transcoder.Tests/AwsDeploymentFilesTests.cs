using System.Text.Json;
using System.Text.RegularExpressions;
using StreamEngine.TranscoderTask;
using YamlDotNet.RepresentationModel;

namespace StreamEngine.Transcoder.Tests;

/// <summary>The state machine (infra/aws/transcode.asl.json) and the CloudFormation template (infra/aws/template.yaml)
/// are code too: they parse, every transition names a state, every reference resolves, and the transcoder task's
/// environment is exactly what the transcoder reads.</summary>
public sealed partial class AwsDeploymentFilesTests
{
    private static readonly HashSet<string> PseudoParameters =
    [
        "AWS::Region",
        "AWS::AccountId",
        "AWS::Partition",
        "AWS::StackName",
        "AWS::URLSuffix",
        "AWS::NoValue",
        "AWS::StackId",
    ];

    private static string Infra(string file)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "StreamEngine.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory!.FullName, "infra", "aws", file);
    }

    private static JsonElement StateMachine() =>
        JsonDocument.Parse(File.ReadAllText(Infra("transcode.asl.json"))).RootElement.Clone();

    private static YamlMappingNode Template()
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(Infra("template.yaml")));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [Fact]
    public void Every_transition_of_the_state_machine_names_a_state_and_every_state_ends_or_moves_on()
    {
        var problems = new List<string>();
        CheckStates(StateMachine(), "root", problems);

        Assert.Empty(problems);
    }

    [Fact]
    public void The_state_machine_goes_probe_then_parallel_renditions_or_a_map_of_chunks_then_master_then_notify()
    {
        var states = StateMachine().GetProperty("States");
        string Next(string state) => states.GetProperty(state).GetProperty("Next").GetString()!;

        Assert.Equal("Probe", Next(StateMachine().GetProperty("StartAt").GetString()!));
        Assert.Equal("ReadChunkList", Next("Probe"));
        Assert.Equal("EncodeRenditions", Next("ReadChunkList"));
        Assert.Equal("Parallel", states.GetProperty("EncodeRenditions").GetProperty("Type").GetString());
        var branches = states.GetProperty("EncodeRenditions").GetProperty("Branches").EnumerateArray().ToList();
        Assert.Equal(3, branches.Count);

        // The chunks: a Map over what the probe listed, bounded, one ECS task per chunk, each retried alone.
        var map = branches[2].GetProperty("States").GetProperty("EncodeChunks");
        Assert.Equal("Map", map.GetProperty("Type").GetString());
        Assert.Equal("$.plan.list.chunks", map.GetProperty("ItemsPath").GetString());
        Assert.InRange(map.GetProperty("MaxConcurrency").GetInt32(), 1, 40);
        var chunk = map.GetProperty("ItemProcessor").GetProperty("States").GetProperty("EncodeChunk");
        Assert.Equal("arn:aws:states:::ecs:runTask.sync", chunk.GetProperty("Resource").GetString());
        Assert.Contains(
            chunk.GetProperty("Retry").EnumerateArray(),
            r => r.GetProperty("ErrorEquals").EnumerateArray().Any(e => e.GetString() == "States.TaskFailed")
        );
        var environment = chunk
            .GetProperty("Parameters")
            .GetProperty("Overrides")
            .GetProperty("ContainerOverrides")[0]
            .GetProperty("Environment")
            .EnumerateArray()
            .ToDictionary(e => e.GetProperty("Name").GetString()!, e => e);
        Assert.Equal("chunk", environment[TaskEnvironment.Mode].GetProperty("Value").GetString());
        Assert.True(environment.ContainsKey(TaskEnvironment.ChunkIndex));
        Assert.Equal(
            "States.StringToJson($.Body)",
            states.GetProperty("ReadChunkList").GetProperty("ResultSelector").GetProperty("list.$").GetString()
        );
        Assert.Equal("WriteMaster", Next("EncodeRenditions"));
        Assert.Equal("ReportReady", Next("WriteMaster"));
        Assert.All(
            FindAll(StateMachine(), "Resource")
                .Select(r => r.GetString())
                .Where(r => r!.Contains("ecs", StringComparison.Ordinal)),
            r => Assert.Equal("arn:aws:states:::ecs:runTask.sync", r)
        );
    }

    [Fact]
    public void The_state_machine_reports_failure_from_every_step_that_can_fail()
    {
        var states = StateMachine().GetProperty("States");
        foreach (var name in new[] { "ReportProcessing", "Probe", "ReadChunkList", "EncodeRenditions", "WriteMaster" })
        {
            var catches = states.GetProperty(name).GetProperty("Catch").EnumerateArray().ToList();
            Assert.Contains(catches, c => c.GetProperty("Next").GetString() == "ReportFailure");
            Assert.True(
                states.GetProperty(name).TryGetProperty("Retry", out _) || name == "EncodeRenditions",
                name + " has no Retry"
            );
        }

        Assert.Equal(
            "arn:aws:states:::sqs:sendMessage",
            states.GetProperty("ReportFailure").GetProperty("Resource").GetString()
        );
        Assert.Equal(
            "Fail",
            states
                .GetProperty(states.GetProperty("ReportFailure").GetProperty("Next").GetString()!)
                .GetProperty("Type")
                .GetString()
        );
    }

    [Fact]
    public void Every_placeholder_of_the_state_machine_is_substituted_by_the_template_and_no_substitution_is_unused()
    {
        var placeholders = Placeholder()
            .Matches(File.ReadAllText(Infra("transcode.asl.json")))
            .Select(m => m.Groups[1].Value)
            .ToHashSet();
        var machine = (YamlMappingNode)((YamlMappingNode)Template()["Resources"])["TranscodeStateMachine"];
        var properties = (YamlMappingNode)machine["Properties"];
        var substitutions = ((YamlMappingNode)properties["DefinitionSubstitutions"])
            .Children.Keys.Select(k => ((YamlScalarNode)k).Value!)
            .ToHashSet();

        Assert.Equal(placeholders.Order(), substitutions.Order());
        Assert.True(File.Exists(Infra(((YamlScalarNode)properties["DefinitionS3Location"]).Value!)));
    }

    [Fact]
    public void Every_reference_in_the_template_resolves()
    {
        var template = Template();
        var resources = ((YamlMappingNode)template["Resources"])
            .Children.Keys.Select(k => ((YamlScalarNode)k).Value!)
            .ToHashSet();
        var parameters = ((YamlMappingNode)template["Parameters"])
            .Children.Keys.Select(k => ((YamlScalarNode)k).Value!)
            .ToHashSet();
        var problems = new List<string>();

        foreach (var node in Walk(template))
        {
            if (node is not YamlScalarNode scalar || scalar.Tag.IsEmpty)
            {
                continue;
            }

            var value = scalar.Value ?? string.Empty;
            switch (scalar.Tag.Value)
            {
                case "!Ref"
                    when !resources.Contains(value) && !parameters.Contains(value) && !PseudoParameters.Contains(value):
                    problems.Add("!Ref " + value);
                    break;
                case "!GetAtt" when !resources.Contains(value.Split('.')[0]):
                    problems.Add("!GetAtt " + value);
                    break;
                case "!Sub":
                    foreach (Match match in Placeholder().Matches(value))
                    {
                        var name = match.Groups[1].Value;
                        var known =
                            PseudoParameters.Contains(name)
                            || parameters.Contains(name)
                            || resources.Contains(name.Split('.')[0]);
                        if (!known)
                        {
                            problems.Add("!Sub ${" + name + "}");
                        }
                    }

                    break;
            }
        }

        Assert.Empty(problems);
        Assert.True(resources.Count >= 15, "The template lost resources.");
    }

    [Fact]
    public void Buckets_are_private_and_encrypted_and_the_status_queue_has_a_dead_letter_queue()
    {
        var resources = (YamlMappingNode)Template()["Resources"];
        foreach (var bucket in new[] { "RawBucket", "ProductionBucket" })
        {
            var properties = (YamlMappingNode)((YamlMappingNode)resources[bucket])["Properties"];
            var block = (YamlMappingNode)properties["PublicAccessBlockConfiguration"];
            Assert.All(block.Children.Values, v => Assert.Equal("true", ((YamlScalarNode)v).Value));
            Assert.True(properties.Children.ContainsKey("BucketEncryption"), bucket + " is not encrypted");
        }

        Assert.True(
            ((YamlMappingNode)((YamlMappingNode)resources["RawBucket"])["Properties"]).Children.ContainsKey(
                "LifecycleConfiguration"
            )
        );
        var redrive = (YamlMappingNode)
            ((YamlMappingNode)((YamlMappingNode)resources["StatusQueue"])["Properties"])["RedrivePolicy"];
        Assert.Equal("StatusDeadLetterQueue.Arn", ((YamlScalarNode)redrive["deadLetterTargetArn"]).Value);
        Assert.Equal(
            "AWS::CloudFront::KeyGroup",
            ((YamlScalarNode)((YamlMappingNode)resources["PlaybackKeyGroup"])["Type"]).Value
        );
    }

    [Fact]
    public void The_transcoder_task_environment_is_exactly_what_the_transcoder_reads()
    {
        var resources = (YamlMappingNode)Template()["Resources"];
        var container = (YamlMappingNode)
            (
                (YamlSequenceNode)
                    ((YamlMappingNode)((YamlMappingNode)resources["TranscoderTask"])["Properties"])[
                        "ContainerDefinitions"
                    ]
            )[0];
        var containerName = ((YamlScalarNode)container["Name"]).Value!;
        var fromTemplate = ((YamlSequenceNode)container["Environment"])
            .Select(e => ((YamlScalarNode)((YamlMappingNode)e)["Name"]).Value!)
            .ToHashSet();

        var overrides = FindAll(StateMachine(), "ContainerOverrides").SelectMany(o => o.EnumerateArray()).ToList();
        Assert.NotEmpty(overrides);
        foreach (var containerOverride in overrides)
        {
            Assert.Equal(containerName, containerOverride.GetProperty("Name").GetString());
            var fromMachine = containerOverride
                .GetProperty("Environment")
                .EnumerateArray()
                .Select(e => e.GetProperty("Name").GetString()!)
                .ToHashSet();
            var all = fromTemplate.Union(fromMachine).ToHashSet();

            Assert.Empty(all.Except(TaskEnvironment.All));
            Assert.Empty(TaskEnvironment.Required.Except(all));
            var mode = containerOverride
                .GetProperty("Environment")
                .EnumerateArray()
                .Single(e => e.GetProperty("Name").GetString() == TaskEnvironment.Mode)
                .GetProperty("Value")
                .GetString();
            var (spec, problems) = TaskEnvironment.Read(name =>
                !all.Contains(name)
                    ? null
                    : name switch
                    {
                        TaskEnvironment.Mode => mode,
                        TaskEnvironment.ChunkSeconds => "60",
                        TaskEnvironment.ChunkThresholdSeconds => "120",
                        TaskEnvironment.ChunkIndex => "0",
                        TaskEnvironment.StatusQueueUrl or TaskEnvironment.S3ServiceUrl => "https://example.com/queue",
                        _ => "value",
                    }
            );
            Assert.Empty(problems);
            Assert.NotNull(spec);
        }
    }
}
