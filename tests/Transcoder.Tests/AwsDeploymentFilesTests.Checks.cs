using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace StreamEngine.Transcoder.Tests;

public sealed partial class AwsDeploymentFilesTests
{
    private static void CheckStates(JsonElement machine, string where, List<string> problems)
    {
        var states = machine.GetProperty("States");
        var names = states.EnumerateObject().Select(p => p.Name).ToHashSet();
        if (!names.Contains(machine.GetProperty("StartAt").GetString()!))
        {
            problems.Add($"{where}: StartAt names no state");
        }

        foreach (var state in states.EnumerateObject())
        {
            var body = state.Value;
            var type = body.GetProperty("Type").GetString();
            var targets = new List<string>();
            if (body.TryGetProperty("Next", out var next))
            {
                targets.Add(next.GetString()!);
            }

            if (body.TryGetProperty("Default", out var fallback))
            {
                targets.Add(fallback.GetString()!);
            }

            foreach (var list in new[] { "Choices", "Catch" })
            {
                if (body.TryGetProperty(list, out var items))
                {
                    targets.AddRange(items.EnumerateArray().Select(i => i.GetProperty("Next").GetString()!));
                }
            }

            problems.AddRange(
                targets.Where(t => !names.Contains(t)).Select(t => $"{where}.{state.Name}: {t} is not a state")
            );
            var ends = body.TryGetProperty("End", out var end) && end.GetBoolean();
            if (type is not ("Succeed" or "Fail" or "Choice") && ends == body.TryGetProperty("Next", out _))
            {
                problems.Add($"{where}.{state.Name}: needs exactly one of Next and End");
            }

            if (body.TryGetProperty("Branches", out var branches))
            {
                foreach (var branch in branches.EnumerateArray())
                {
                    CheckStates(branch, $"{where}.{state.Name}", problems);
                }
            }

            if (body.TryGetProperty("ItemProcessor", out var processor))
            {
                CheckStates(processor, $"{where}.{state.Name}", problems);
            }
        }
    }

    private static IEnumerable<JsonElement> FindAll(JsonElement element, string property)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var child in element.EnumerateObject())
            {
                if (child.Name == property)
                {
                    yield return child.Value;
                }

                foreach (var found in FindAll(child.Value, property))
                {
                    yield return found;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var found in element.EnumerateArray().SelectMany(item => FindAll(item, property)))
            {
                yield return found;
            }
        }
    }

    private static IEnumerable<YamlNode> Walk(YamlNode node)
    {
        yield return node;
        var children = node switch
        {
            YamlMappingNode map => map.Children.SelectMany(pair => new[] { pair.Key, pair.Value }),
            YamlSequenceNode sequence => sequence.Children,
            _ => [],
        };
        foreach (var descendant in children.SelectMany(Walk))
        {
            yield return descendant;
        }
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9:._]+)\}")]
    private static partial Regex Placeholder();
}
