using System.Diagnostics;
using System.Text;

namespace Cdc.Integration.Tests;

/// <summary>
/// A real `cdc tail ARGS…` process: its stdout lines (the records) and stderr (its start line, its errors, its
/// summary) captured as they come. <see cref="Terminate"/> is SIGTERM; disposing kills it if it still runs.
/// </summary>
internal sealed class TailProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly StringBuilder _stderr = new();

    private TailProcess(Process process) => _process = process;

    /// <summary>The records it printed so far, one a line (--json), or headers and values (text).</summary>
    public IReadOnlyList<string> StdoutLines
    {
        get { lock (_stdout) { return [.. _stdout]; } }
    }

    public string Stderr
    {
        get { lock (_stderr) { return _stderr.ToString(); } }
    }

    public IReadOnlyList<string> StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static TailProcess Start(string workingDirectory, params string[] arguments)
    {
        var process = new Process { StartInfo = CdcProcessStart.For("tail", arguments, workingDirectory) };
        var tail = new TailProcess(process);
        process.OutputDataReceived += (_, e) => Add(tail._stdout, e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (tail._stderr)
                {
                    tail._stderr.Append(e.Data).Append('\n');
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return tail;
    }

    /// <summary>Runs `cdc tail ARGS…` to its end; the process is killed (and the test fails) if it runs past <paramref name="limit"/>.</summary>
    public static async Task<TailProcess> RunAsync(string workingDirectory, TimeSpan limit, params string[] arguments)
    {
        var tail = Start(workingDirectory, arguments);
        if (await tail.WaitForExit(limit).ConfigureAwait(false) is null)
        {
            var described = tail.Describe();
            tail.Dispose();
            throw new Xunit.Sdk.XunitException($"cdc tail did not exit within {limit.TotalSeconds:0} s.\n{described}");
        }

        return tail;
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>The exit code, or null if it still runs after <paramref name="timeout"/>.</summary>
    public Task<int?> WaitForExit(TimeSpan timeout) => ProcessSignals.WaitForExit(_process, timeout);

    /// <summary>Waits until it has printed its start line ("cdc tail: reading …"): from then on it reads; false at the deadline or if it exits first.</summary>
    public Task<bool> WaitUntilReadingAsync(TimeSpan timeout) =>
        WaitForAsync(() => StderrLines.Any(line => line.StartsWith("cdc tail: reading ", StringComparison.Ordinal)), timeout);

    /// <summary>Waits until it has printed at least <paramref name="count"/> stdout lines; false at the deadline or if it exits first.</summary>
    public Task<bool> WaitForStdoutLinesAsync(int count, TimeSpan timeout) => WaitForAsync(() => StdoutLines.Count >= count, timeout);

    /// <summary>SIGTERM, as a service manager or `kill` stops it.</summary>
    public void Terminate() => ProcessSignals.Send(_process, "TERM");

    public string Describe()
    {
        var state = _process.HasExited ? $"exited with {_process.ExitCode}" : "running";
        return $"cdc tail (pid {_process.Id}, {state})\nstdout:\n{string.Join('\n', StdoutLines)}\nstderr:\n{Stderr}";
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Gone in the meantime.
            }

            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (_process.HasExited)
            {
                // The parameterless wait drains the redirected streams: what it printed last counts too.
                _process.WaitForExit();
                return condition();
            }

            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        return true;
    }

    private static void Add(List<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Add(line);
        }
    }
}
