using System.Text;
using System.Text.RegularExpressions;

namespace Cdc.Deployment.Tests;

/// <summary>
/// The repository's Dockerfile read the way the builder reads it, as far as the static tests need: comments dropped,
/// backslash continuations joined (comment lines inside a continuation are skipped, as BuildKit does), instructions
/// grouped into stages by FROM, and ARG defaults declared before the first FROM substituted into FROM lines.
/// There is no Docker engine here, so this is the only way the file is checked.
/// </summary>
internal sealed partial class DockerfileDocument
{
    private DockerfileDocument(IReadOnlyList<DockerfileStage> stages) => Stages = stages;

    public IReadOnlyList<DockerfileStage> Stages { get; }

    public DockerfileStage Final => Stages[^1];

    public static DockerfileDocument Load(string path) => Parse(File.ReadAllLines(path));

    public static DockerfileDocument Parse(IReadOnlyList<string> lines)
    {
        var instructions = JoinInstructions(lines);
        var globalArgs = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new List<DockerfileStage>();
        List<DockerfileInstruction>? current = null;
        string? baseImage = null;
        string? name = null;
        foreach (var instruction in instructions)
        {
            if (instruction.Is("FROM"))
            {
                if (current is not null)
                {
                    stages.Add(new DockerfileStage(baseImage!, name, current));
                }

                (baseImage, name) = ParseFrom(instruction.Arguments, globalArgs);
                current = [];
                continue;
            }

            if (current is null)
            {
                if (!instruction.Is("ARG"))
                {
                    throw new FormatException($"Dockerfile line {instruction.Line}: {instruction.Keyword} before the first FROM.");
                }

                var (argName, value) = SplitAssignment(instruction.Arguments);
                globalArgs[argName] = value;
                continue;
            }

            current.Add(instruction);
        }

        if (current is null)
        {
            throw new FormatException("The Dockerfile has no FROM.");
        }

        stages.Add(new DockerfileStage(baseImage!, name, current));
        return new DockerfileDocument(stages);
    }

    /// <summary>The JSON array of an exec-form instruction (ENTRYPOINT ["cdc"]); null for the shell form.</summary>
    public static IReadOnlyList<string>? ExecForm(DockerfileInstruction instruction)
    {
        var text = instruction.Arguments.Trim();
        if (!text.StartsWith('['))
        {
            return null;
        }

        return System.Text.Json.JsonSerializer.Deserialize<string[]>(text);
    }

    private static List<DockerfileInstruction> JoinInstructions(IReadOnlyList<string> lines)
    {
        var result = new List<DockerfileInstruction>();
        var buffer = new StringBuilder();
        var startLine = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            if (buffer.Length == 0)
            {
                startLine = i + 1;
            }

            if (trimmed.EndsWith('\\'))
            {
                buffer.Append(trimmed.AsSpan(0, trimmed.Length - 1).TrimEnd()).Append(' ');
                continue;
            }

            buffer.Append(trimmed);
            result.Add(ToInstruction(buffer.ToString(), startLine));
            buffer.Clear();
        }

        if (buffer.Length > 0)
        {
            throw new FormatException($"Dockerfile line {startLine}: a continuation runs past the end of the file.");
        }

        return result;
    }

    private static DockerfileInstruction ToInstruction(string text, int line)
    {
        var space = text.IndexOfAny([' ', '\t']);
        return space < 0
            ? new DockerfileInstruction(text.ToUpperInvariant(), string.Empty, line)
            : new DockerfileInstruction(text[..space].ToUpperInvariant(), text[(space + 1)..].Trim(), line);
    }

    private static (string Image, string? Name) ParseFrom(string arguments, Dictionary<string, string> globalArgs)
    {
        var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !w.StartsWith("--", StringComparison.Ordinal))
            .ToArray();
        var image = ArgReference().Replace(words[0], m => globalArgs.TryGetValue(m.Groups["name"].Value, out var value)
            ? value
            : throw new FormatException($"FROM {words[0]}: ARG {m.Groups["name"].Value} has no default before the first FROM."));
        var name = words.Length >= 3 && string.Equals(words[1], "AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
        return (image, name);
    }

    private static (string Name, string Value) SplitAssignment(string arguments)
    {
        var equals = arguments.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (arguments, string.Empty) : (arguments[..equals], arguments[(equals + 1)..].Trim('"'));
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}|\$(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ArgReference();
}
