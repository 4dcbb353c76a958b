namespace Cdc.Integration.Tests;

/// <summary>Lines of a process's captured output that contain a fragment (log lines of one kind).</summary>
internal static class OutputLines
{
    public static IReadOnlyList<string> Matching(string output, string fragment) =>
        output.Split('\n').Where(line => line.Contains(fragment, StringComparison.Ordinal)).ToList();

    public static int Count(string output, string fragment) => Matching(output, fragment).Count;
}
