using System.Collections.Concurrent;
using System.Diagnostics;

namespace Cdc.Connector.Tests.Logging;

/// <summary>
/// The real `cdc` executable (built beside the tests) run with the given arguments and a clean CDC__ environment; its
/// stderr lines are collected until one matches or the time runs out, then the process is killed. Always killed.
/// </summary>
internal static class ConnectorProcess
{
    public static IReadOnlyList<string> StderrUntil(IReadOnlyList<string> arguments, Func<string, bool> stopAt, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "cdc.exe" : "cdc"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("CDC__", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            start.Environment.Remove(name);
        }

        var lines = new ConcurrentQueue<string>();
        using var matched = new ManualResetEventSlim();
        using var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lines.Enqueue(line);
                if (stopAt(line))
                {
                    matched.Set();
                }
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.Start();
        try
        {
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            matched.Wait(timeout);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit();
        }

        return [.. lines];
    }
}
