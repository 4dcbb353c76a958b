using System.Diagnostics;
using System.Globalization;

namespace Cdc.Integration.Tests;

/// <summary>What a service manager does to a child process: send it a signal, wait a bounded time for its exit.</summary>
internal static class ProcessSignals
{
    /// <summary>Sends a signal ("TERM" as a service manager sends, "INT" as Ctrl-C does) with `kill`.</summary>
    public static void Send(Process process, string name)
    {
        if (name == "INT" && InterruptIgnored())
        {
            // A child inherits an ignored SIGINT and would never see this one: say so instead of waiting for a hang.
            throw new InvalidOperationException(
                "SIGINT is ignored by this test process, so the processes it starts ignore it too: the test run was started as a "
                + "background job of a non-interactive shell (`dotnet test … &` in a script), which sets SIGINT to ignored. "
                + "Run the tests in the foreground, or restore SIGINT first (for example through a wrapper that resets it to its default).");
        }

        using var kill = Process.Start("kill", [$"-{name}", process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{name} {process.Id} exited with {kill.ExitCode}.");
        }
    }

    /// <summary>The exit code, or null if the process has not exited within <paramref name="timeout"/>.</summary>
    public static async Task<int?> WaitForExit(Process process, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        // The parameterless wait also drains the redirected streams.
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>True when this process ignores SIGINT (mask 0x2 of SigIgn in /proc/self/status), as the processes it starts then do.</summary>
    private static bool InterruptIgnored()
    {
        const string Field = "SigIgn:";
        var line = File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(Field, StringComparison.Ordinal)) : null;
        return line is not null
            && ulong.TryParse(line[Field.Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var ignored)
            && (ignored & (1UL << (2 - 1))) != 0;
    }
}
