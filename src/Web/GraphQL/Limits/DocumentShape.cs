using GraphQLParser.AST;

namespace StreamEngine.Web.GraphQL.Limits;

/// <summary>What one operation of a document asks for once every fragment is expanded where it is spread: how many
/// field selections, how many of them aliased, and how often each root field occurs. Policies read this, never the
/// raw top level, so <c>... on Mutation { a1: login(...) a2: login(...) }</c> counts as two logins. Fragments are
/// measured once and multiplied, so a "fragment bomb" (each fragment spreading the next twice) is measured in linear
/// time; counts saturate instead of overflowing.</summary>
public sealed class DocumentShape
{
    private DocumentShape(long fields, long aliases, Dictionary<string, long> rootFields)
    {
        Fields = fields;
        Aliases = aliases;
        RootFields = rootFields;
    }

    /// <summary>Field selections, every level, fragments expanded.</summary>
    public long Fields { get; }

    /// <summary>Aliased field selections, fragments expanded.</summary>
    public long Aliases { get; }

    /// <summary>Occurrences of each root field (a mutation's or query's top-level field), fragments expanded.</summary>
    public IReadOnlyDictionary<string, long> RootFields { get; }

    public long CountRoot(IEnumerable<string> names) => Saturate(names.Sum(n => RootFields.GetValueOrDefault(n)));

    /// <summary>The shape of the operation the request names (the only one when it names none); null when there is no
    /// such operation (validation then says why).</summary>
    public static DocumentShape? Measure(GraphQLDocument document, string? operationName)
    {
        ArgumentNullException.ThrowIfNull(document);
        var operation = OperationOf(document, operationName);
        if (operation is null)
        {
            return null;
        }

        var fragments = new Dictionary<string, GraphQLFragmentDefinition>(StringComparer.Ordinal);
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
        {
            fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
        }

        var measurer = new Measurer(fragments);
        var total = measurer.Measure(operation.SelectionSet);
        return new DocumentShape(total.Fields, total.Aliases, measurer.Roots(operation.SelectionSet));
    }

    /// <summary>The operation a request names, or the only one when it names none.</summary>
    public static GraphQLOperationDefinition? OperationOf(GraphQLDocument document, string? operationName)
    {
        ArgumentNullException.ThrowIfNull(document);
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        return string.IsNullOrEmpty(operationName)
            ? (operations.Count == 1 ? operations[0] : null)
            : operations.FirstOrDefault(o => o.Name is not null && o.Name.StringValue == operationName);
    }

    private static long Saturate(long value) => value < 0 ? long.MaxValue : value;

    private static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private readonly record struct Counts(long Fields, long Aliases)
    {
        public Counts Plus(Counts other) => new(Add(Fields, other.Fields), Add(Aliases, other.Aliases));
    }

    private sealed class Measurer(Dictionary<string, GraphQLFragmentDefinition> fragments)
    {
        private readonly Dictionary<string, Counts> _measured = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<string, long>> _roots = new(StringComparer.Ordinal);
        private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);

        public Counts Measure(GraphQLSelectionSet? set)
        {
            var counts = default(Counts);
            if (set is null)
            {
                return counts;
            }

            foreach (var selection in set.Selections)
            {
                counts = counts.Plus(
                    selection switch
                    {
                        GraphQLField field => new Counts(1, field.Alias is null ? 0 : 1).Plus(
                            Measure(field.SelectionSet)
                        ),
                        GraphQLInlineFragment inline => Measure(inline.SelectionSet),
                        GraphQLFragmentSpread spread => MeasureFragment(spread.FragmentName.Name.StringValue),
                        _ => default,
                    }
                );
            }

            return counts;
        }

        /// <summary>The root fields reached from <paramref name="set"/> with their occurrences; each fragment's are
        /// computed once and added as often as it is spread.</summary>
        public Dictionary<string, long> Roots(GraphQLSelectionSet set)
        {
            var roots = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        var name = field.Name.StringValue;
                        roots[name] = Add(roots.GetValueOrDefault(name), 1);
                        break;
                    case GraphQLInlineFragment inline:
                        Merge(roots, Roots(inline.SelectionSet));
                        break;
                    case GraphQLFragmentSpread spread:
                        Merge(roots, RootsOfFragment(spread.FragmentName.Name.StringValue));
                        break;
                }
            }

            return roots;
        }

        private static void Merge(Dictionary<string, long> into, Dictionary<string, long> from)
        {
            foreach (var (name, count) in from)
            {
                into[name] = Add(into.GetValueOrDefault(name), count);
            }
        }

        private Dictionary<string, long> RootsOfFragment(string name)
        {
            if (_roots.TryGetValue(name, out var known))
            {
                return known;
            }

            if (!fragments.TryGetValue(name, out var fragment) || !_inProgress.Add(name))
            {
                return [];
            }

            var roots = Roots(fragment.SelectionSet);
            _inProgress.Remove(name);
            _roots[name] = roots;
            return roots;
        }

        private Counts MeasureFragment(string name)
        {
            if (_measured.TryGetValue(name, out var known))
            {
                return known;
            }

            // A cycle is invalid GraphQL (validation refuses it); measuring it as empty keeps this walk finite.
            if (!fragments.TryGetValue(name, out var fragment) || !_inProgress.Add(name))
            {
                return default;
            }

            var counts = Measure(fragment.SelectionSet);
            _inProgress.Remove(name);
            _measured[name] = counts;
            return counts;
        }
    }
}
