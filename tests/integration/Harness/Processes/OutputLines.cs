using System.Globalization;

namespace Cdc.Integration.Tests;

/// <summary>Lines of a process's captured output that contain a fragment (log lines of one kind), and waiting for them.</summary>
internal static class OutputLines
{
    public static IReadOnlyList<string> Matching(string output, string fragment) =>
        output.Split('\n').Where(line => line.Contains(fragment, StringComparison.Ordinal)).ToList();

    public static int Count(string output, string fragment) => Matching(output, fragment).Count;

    /// <summary>Waits until the connector's output contains <paramref name="fragment"/>; false at the deadline or if it exits first.</summary>
    public static Task<bool> WaitForAsync(ConnectorProcess connector, string fragment, TimeSpan timeout) =>
        WaitForCountAsync(connector, fragment, 1, timeout);

    /// <summary>Waits until <paramref name="count"/> lines of the connector's output contain <paramref name="fragment"/>; false at the deadline or if it exits first.</summary>
    public static async Task<bool> WaitForCountAsync(ConnectorProcess connector, string fragment, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Count(connector.Output, fragment) < count)
        {
            if (DateTime.UtcNow > deadline || connector.HasExited)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    /// <summary>
    /// When the connector logged <paramref name="line"/> (plain format, "err: 2026-01-02T03:04:05.678Z info: …"), as
    /// Unix milliseconds of its own clock: the moment it happened, however late the test read it.
    /// </summary>
    public static long LoggedAtMs(string line)
    {
        var text = line.StartsWith("err: ", StringComparison.Ordinal) || line.StartsWith("out: ", StringComparison.Ordinal) ? line[5..] : line;
        var stamp = text.Split(' ', 2)[0];
        return DateTimeOffset.ParseExact(stamp, "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds();
    }
}
