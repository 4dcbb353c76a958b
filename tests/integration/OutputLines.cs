namespace Cdc.Integration.Tests;

/// <summary>Lines of a process's captured output that contain a fragment (log lines of one kind), and waiting for one.</summary>
internal static class OutputLines
{
    public static IReadOnlyList<string> Matching(string output, string fragment) =>
        output.Split('\n').Where(line => line.Contains(fragment, StringComparison.Ordinal)).ToList();

    public static int Count(string output, string fragment) => Matching(output, fragment).Count;

    /// <summary>Waits until the connector's output contains <paramref name="fragment"/>; false at the deadline or if it exits first.</summary>
    public static async Task<bool> WaitForAsync(ConnectorProcess connector, string fragment, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!connector.Output.Contains(fragment, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline || connector.HasExited)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }
}
