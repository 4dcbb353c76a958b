using System.Text.RegularExpressions;

namespace Cdc.Connector.Tests.Layering;

/// <summary>
/// Which top-level folders of the connector library use which, read from the sources: a file in folder F uses folder G
/// when it names <c>Cdc.Connector.G</c> (a using, a using static or alias, a fully qualified name, a cref), has a
/// <c>using G;</c> inside its namespace, or names <c>G.T</c> partially qualified where T is a type or namespace
/// declared in G (which C# resolves from inside <c>Cdc.Connector.F</c> without any using). Comments do not count, doc
/// comments included: a lower folder's documentation may name who implements its interfaces.
/// Sub-folders (Configuration/Keys) belong to their top-level folder: a cycle among them is not a layering question.
/// </summary>
internal sealed partial class FolderDependencyGraph
{
    private const string RootNamespace = "Cdc.Connector";

    private readonly SortedDictionary<string, SortedDictionary<string, SortedSet<string>>> _edges = new(StringComparer.Ordinal);

    private FolderDependencyGraph()
    {
    }

    public static IEnumerable<string> SourceFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(file => FolderOf(directory, file) is not ("bin" or "obj"))
            .Order(StringComparer.Ordinal);

    /// <summary>Every <c>namespace</c> declaration of the file is <c>Cdc.Connector.&lt;its folder&gt;</c> or below it.</summary>
    public static bool DeclaresNamespaceOfFolder(string directory, string file)
    {
        var folder = FolderOf(directory, file);
        var declared = NamespaceDeclaration().Matches(StripComments(File.ReadAllText(file))).Select(match => match.Groups["name"].Value).ToArray();
        return declared.Length > 0
            && declared.All(name => name == $"{RootNamespace}.{folder}" || name.StartsWith($"{RootNamespace}.{folder}.", StringComparison.Ordinal));
    }

    public static FolderDependencyGraph Read(string directory)
    {
        var files = SourceFiles(directory).ToArray();
        var folders = files.Select(file => FolderOf(directory, file)).ToHashSet(StringComparer.Ordinal);
        var code = files.ToDictionary(file => file, file => StripComments(File.ReadAllText(file)), StringComparer.Ordinal);

        // What each folder declares, so that "Pipeline.JitteredBackoff" counts and "options.Pipeline.MaxInFlightEvents" does not.
        var declared = folders.ToDictionary(folder => folder, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var (file, text) in code)
        {
            var names = declared[FolderOf(directory, file)];
            names.UnionWith(TypeDeclaration().Matches(text).Select(match => match.Groups["name"].Value));
            foreach (var name in NamespaceDeclaration().Matches(text).Select(match => match.Groups["name"].Value))
            {
                var segments = name.Split('.');
                if (segments.Length > 3)
                {
                    names.Add(segments[3]);
                }
            }
        }

        var graph = new FolderDependencyGraph();
        foreach (var (file, text) in code)
        {
            var from = FolderOf(directory, file);
            var relative = Path.GetRelativePath(directory, file).Replace('\\', '/');
            var used = QualifiedUse().Matches(text).Select(match => match.Groups["folder"].Value)
                .Concat(RelativeUsing().Matches(text).Select(match => match.Groups["folder"].Value))
                .Concat(PartiallyQualifiedUse().Matches(text)
                    .Where(match => declared.TryGetValue(match.Groups["folder"].Value, out var names) && names.Contains(match.Groups["name"].Value))
                    .Select(match => match.Groups["folder"].Value));
            foreach (var to in used.Where(to => to != from && folders.Contains(to)))
            {
                graph.Add(from, to, relative);
            }
        }

        return graph;
    }

    public bool Uses(string from, string to) => _edges.TryGetValue(from, out var targets) && targets.ContainsKey(to);

    /// <summary>
    /// A cycle as the folders along it, the first repeated at the end (A, B, A); null when there is none.
    /// </summary>
    public IReadOnlyList<string>? FindCycle()
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var start in _edges.Keys)
        {
            if (Visit(start, done, path) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    /// <summary>Each step of <paramref name="cycle"/> with the files that make it: "Sink -> Pipeline (Sink/SchemaIdCache.cs)".</summary>
    public string Describe(IReadOnlyList<string> cycle)
    {
        var steps = new List<string>();
        for (var i = 0; i + 1 < cycle.Count; i++)
        {
            var files = _edges.TryGetValue(cycle[i], out var targets) && targets.TryGetValue(cycle[i + 1], out var set) ? string.Join(", ", set) : "no file";
            steps.Add($"{cycle[i]} -> {cycle[i + 1]} ({files})");
        }

        return string.Join(", ", steps);
    }

    private List<string>? Visit(string folder, HashSet<string> done, List<string> path)
    {
        var onPath = path.IndexOf(folder);
        if (onPath >= 0)
        {
            return [.. path.Skip(onPath), folder];
        }

        if (!done.Add(folder))
        {
            return null;
        }

        path.Add(folder);
        if (_edges.TryGetValue(folder, out var targets))
        {
            foreach (var next in targets.Keys)
            {
                if (Visit(next, done, path) is { } cycle)
                {
                    return cycle;
                }
            }
        }

        path.RemoveAt(path.Count - 1);
        return null;
    }

    private void Add(string from, string to, string file)
    {
        if (!_edges.TryGetValue(from, out var targets))
        {
            _edges[from] = targets = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        }

        if (!targets.TryGetValue(to, out var files))
        {
            targets[to] = files = new SortedSet<string>(StringComparer.Ordinal);
        }

        files.Add(file);
    }

    private static string FolderOf(string directory, string file)
    {
        var relative = Path.GetRelativePath(directory, file).Replace('\\', '/');
        var slash = relative.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? string.Empty : relative[..slash];
    }

    /// <summary>Block comments and line comments, documentation comments too.</summary>
    private static string StripComments(string text) => PlainComment().Replace(text, string.Empty);

    [GeneratedRegex(@"/\*[\s\S]*?\*/|//[^\n]*")]
    private static partial Regex PlainComment();

    [GeneratedRegex(@"^\s*namespace\s+(?<name>[\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"\b(?:class|struct|interface|enum|record|delegate\s+[\w<>\[\]?,\s]+?)\s+(?<name>[A-Z]\w*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"\bCdc\.Connector\.(?<folder>\w+)")]
    private static partial Regex QualifiedUse();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?<folder>\w+)\s*[.;]", RegexOptions.Multiline)]
    private static partial Regex RelativeUsing();

    [GeneratedRegex(@"(?<![\w.])(?<folder>[A-Z]\w*)\.(?<name>[A-Z]\w*)\b")]
    private static partial Regex PartiallyQualifiedUse();
}
