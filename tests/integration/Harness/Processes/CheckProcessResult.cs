namespace Cdc.Integration.Tests;

/// <summary>What one `cdc check` process did: its exit code, its stdout lines and stderr, and the configuration it read.</summary>
internal sealed record CheckProcessResult(int ExitCode, string Stdout, string Stderr, string ConfigPath)
{
    public IReadOnlyList<string> Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The one line of <paramref name="area"/>: <paramref name="name"/>; fails the test with the whole output when there is not exactly one.</summary>
    public string Line(string area, string name)
    {
        var matches = Lines.Where(l => l.Length > 6 && l[6..].StartsWith($"{area}: {name}: ", StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count == 1, $"Expected one '{area}: {name}' line.\n{Describe()}");
        return matches[0];
    }

    public string Describe() => $"cdc check exited {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
