using YamlDotNet.RepresentationModel;

namespace Cdc.Deployment.Tests;

/// <summary>docker-compose.yml parsed with YamlDotNet (a YAML parser no one here wrote), with the lookups the tests need.</summary>
internal sealed class ComposeFile
{
    private readonly YamlMappingNode _root;

    private ComposeFile(YamlMappingNode root) => _root = root;

    public YamlMappingNode Services => Mapping(_root, "services") ?? throw new FormatException("docker-compose.yml has no services.");

    public static ComposeFile Load(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        var document = Assert.Single(stream.Documents);
        return new ComposeFile((YamlMappingNode)document.RootNode);
    }

    public IEnumerable<string> ServiceNames => Services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!);

    public YamlMappingNode Service(string name) =>
        Mapping(Services, name) ?? throw new KeyNotFoundException($"docker-compose.yml has no service '{name}'.");

    /// <summary>The service's environment, whether written as a map or as a list of NAME=value.</summary>
    public static Dictionary<string, string> Environment(YamlMappingNode service)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!service.Children.TryGetValue(new YamlScalarNode("environment"), out var node))
        {
            return result;
        }

        if (node is YamlMappingNode map)
        {
            foreach (var (key, value) in map.Children)
            {
                result[((YamlScalarNode)key).Value!] = ((YamlScalarNode)value).Value ?? string.Empty;
            }
        }
        else
        {
            foreach (var item in ((YamlSequenceNode)node).Children)
            {
                var text = ((YamlScalarNode)item).Value!;
                var equals = text.IndexOf('=', StringComparison.Ordinal);
                result[equals < 0 ? text : text[..equals]] = equals < 0 ? string.Empty : text[(equals + 1)..];
            }
        }

        return result;
    }

    /// <summary>The scalars of a sequence-valued key (ports, volumes, command); empty when absent.</summary>
    public static IReadOnlyList<string> Strings(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode sequence
            ? sequence.Children.Select(c => ((YamlScalarNode)c).Value!).ToList()
            : [];

    public static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    public static YamlMappingNode? Mapping(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;
}
