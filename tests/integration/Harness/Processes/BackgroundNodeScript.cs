using System.Diagnostics;
using System.Text;
using Cdc.Tests.Shared;

namespace Cdc.Integration.Tests;

/// <summary>
/// A long-running node script under tests/js: its first stdin line is its input, "stop" on stdin asks it to finish;
/// every stdout line goes to a callback as it comes. Disposing kills the process tree if it is still running.
/// </summary>
/// <remarks>
/// The callback runs on a thread-pool thread, where an exception would end the whole test host and every test after
/// it: a callback's exception is kept and thrown by <see cref="WaitForExitAsync"/> instead, and lines that arrive once
/// the script is being killed (a line cut off by the kill) are not handed on.
/// </remarks>
internal sealed class BackgroundNodeScript : IDisposable
{
    private readonly Process _process;
    private readonly string _scriptName;
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _callbackFailure;
    private volatile bool _killing;

    private BackgroundNodeScript(string scriptName, Process process)
    {
        _scriptName = scriptName;
        _process = process;
    }

    public string Stderr
    {
        get { lock (_stderr) { return _stderr.ToString(); } }
    }

    public bool HasExited => _process.HasExited;

    public static BackgroundNodeScript Start(string scriptName, string inputJson, Action<string> onLine)
    {
        var process = new Process { StartInfo = NodeScript.StartInfo(scriptName) };
        var script = new BackgroundNodeScript(scriptName, process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                script._stdoutClosed.TrySetResult();
            }
            else if (e.Data.Length > 0 && !script._killing)
            {
                try
                {
                    onLine(e.Data);
                }
                catch (Exception ex)
                {
                    var preview = e.Data.Length > 200 ? e.Data[..200] + "…" : e.Data;
                    Interlocked.CompareExchange(
                        ref script._callbackFailure, new InvalidOperationException($"node {scriptName}: its stdout line could not be handled ({ex.Message}): {preview}", ex), null);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (script._stderr)
                {
                    script._stderr.Append(e.Data).Append('\n');
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.WriteLine(inputJson);
        process.StandardInput.Flush();
        return script;
    }

    /// <summary>Sends "stop" and closes stdin, then waits for a clean exit; fails with stderr otherwise.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            try
            {
                await _process.StandardInput.WriteLineAsync("stop").ConfigureAwait(false);
                _process.StandardInput.Close();
            }
            catch (IOException)
            {
                // It ended on its own in between; its exit code tells how.
            }
        }

        await WaitForExitAsync(timeout).ConfigureAwait(false);
    }

    /// <summary>Waits for the script to end by itself (exit 0 and stdout drained); fails with stderr otherwise.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            await _stdoutClosed.Task.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"node {_scriptName} did not finish within {timeout.TotalSeconds:0} s and was killed. stderr:\n{Stderr}");
        }

        if (_process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {_scriptName} exited with {_process.ExitCode}. stderr:\n{Stderr}");
        }

        if (_callbackFailure is { } failure)
        {
            throw failure;
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Kill()
    {
        _killing = true;
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
    }
}
