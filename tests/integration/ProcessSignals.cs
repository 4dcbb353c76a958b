using System.Diagnostics;
using System.Globalization;

namespace Cdc.Integration.Tests;

/// <summary>What a service manager does to a child process: send it a signal, wait a bounded time for its exit.</summary>
internal static class ProcessSignals
{
    /// <summary>Sends a signal ("TERM" as a service manager sends, "INT" as Ctrl-C does) with `kill`.</summary>
    public static void Send(Process process, string name)
    {
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
}
