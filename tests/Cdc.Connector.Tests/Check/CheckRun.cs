using System.Text.Json;
using Cdc.Cli;

namespace Cdc.Connector.Tests.Check;

/// <summary>One in-process `cdc check` run: its exit code, stdout, stderr, and (with --json) the parsed checks.</summary>
internal sealed record CheckRun(int ExitCode, string Stdout, string Stderr)
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static CheckRun Invoke(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = CheckCommand.Run(args, stdout, stderr, new Dictionary<string, string>(), new FixedTimeProvider(Now));
        return new CheckRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    public IReadOnlyList<string> Lines => Stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The one line of <paramref name="area"/>: <paramref name="name"/>, failing the test with the whole output when there is not exactly one.</summary>
    public string Line(string area, string name)
    {
        var matches = Lines.Where(l => l.Length > 6 && l[6..].StartsWith($"{area}: {name}: ", StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count == 1, $"Expected one '{area}: {name}' line in:\n{Stdout}\n{Stderr}");
        return matches[0];
    }

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Stdout);
        return document.RootElement.Clone();
    }

    public string Describe() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
