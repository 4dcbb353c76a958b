using System.Diagnostics;
using System.Text;
using Cdc.Tests.Shared;

namespace Cdc.Integration.Tests;

/// <summary>
/// The real `cdc sandbox` process (<c>dotnet cdc.dll sandbox …</c>), its stdout lines and its stderr. Disposing kills
/// the whole process tree if it is still running, so a failing test never leaves it behind.
/// </summary>
internal sealed class SandboxProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _stdout = new();
    private readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SandboxProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>What the process wrote on stderr so far (for failure messages).</summary>
    public string Stderr
    {
        get { lock (_stderr) { return _stderr.ToString(); } }
    }

    /// <summary>Every line written on stdout so far, each followed by '\n'.</summary>
    public string Stdout
    {
        get { lock (_stdout) { return _stdout.ToString(); } }
    }

    public static string CdcDll
    {
        get
        {
#if DEBUG
            const string Configuration = "Debug";
#else
            const string Configuration = "Release";
#endif
            var path = Path.Combine(RepositoryRoot.Path, "src", "Cdc.Cli", "bin", Configuration, "net10.0", "cdc.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: build the solution first.", path);
        }
    }

    public static SandboxProcess Start(params string[] arguments)
    {
        var startInfo = CdcProcessStart.For("sandbox", arguments);

        var process = new Process { StartInfo = startInfo };
        var sandbox = new SandboxProcess(process);
        process.OutputDataReceived += (_, e) => sandbox.OnStdout(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (sandbox._stderr)
                {
                    sandbox._stderr.Append(e.Data).Append('\n');
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sandbox;
    }

    /// <summary>The first stdout line; fails naming stderr if it does not come within <paramref name="timeout"/>.</summary>
    public async Task<string> ReadyLine(TimeSpan timeout)
    {
        var first = await Task.WhenAny(_firstLine.Task, _stdoutClosed.Task, Task.Delay(timeout)).ConfigureAwait(false);
        if (first == _firstLine.Task)
        {
            return await _firstLine.Task.ConfigureAwait(false);
        }

        var why = first == _stdoutClosed.Task ? "closed stdout without printing it" : $"printed nothing within {timeout.TotalSeconds:0} s";
        throw new InvalidOperationException($"cdc sandbox {why}. stderr:\n{Stderr}");
    }

    /// <summary>Sends a signal ("TERM" as a service manager sends, "INT" as Ctrl-C does) with `kill`.</summary>
    public void Signal(string name) => ProcessSignals.Send(_process, name);

    /// <summary>The exit code, or null if the process has not exited within <paramref name="timeout"/>.</summary>
    public Task<int?> WaitForExit(TimeSpan timeout) => ProcessSignals.WaitForExit(_process, timeout);

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        _process.Dispose();
    }

    private void OnStdout(string? line)
    {
        if (line is null)
        {
            _stdoutClosed.TrySetResult();
            return;
        }

        lock (_stdout)
        {
            _stdout.Append(line).Append('\n');
        }

        _firstLine.TrySetResult(line);
    }
}
