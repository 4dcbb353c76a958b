using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Cdc.Tests.Shared;

namespace Cdc.Sandbox.Tests.Kafka;

/// <summary>
/// A node script under <c>tests/js</c> the test talks to line by line, so it can change the cluster between the
/// script's steps (<see cref="NodeScript"/> only feeds stdin up front). Every wait is bounded; Dispose kills the process
/// tree if it is still running, so a failing test leaves nothing behind.
/// </summary>
internal sealed class NodeConversation : IDisposable
{
    private readonly Process _process;
    private readonly string _scriptName;
    private readonly Channel<string> _stdoutLines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _stderrLock = new();

    private NodeConversation(Process process, string scriptName)
    {
        _process = process;
        _scriptName = scriptName;
    }

    public static NodeConversation Start(string scriptName, string firstLine)
    {
        var process = new Process { StartInfo = NodeScript.StartInfo(scriptName) };
        var conversation = new NodeConversation(process, scriptName);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                conversation._stdoutLines.Writer.TryComplete();
            }
            else
            {
                conversation._stdoutLines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (conversation._stderrLock)
                {
                    conversation._stderr.AppendLine(e.Data);
                }
            }
        };

        try
        {
            if (!process.Start())
            {
                throw new InvalidOperationException("Could not start node.");
            }

            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            conversation.Send(firstLine);
            return conversation;
        }
        catch
        {
            conversation.Dispose();
            throw;
        }
    }

    public void Send(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>The script's next stdout line; fails with its stderr if it exits or stays silent for <paramref name="timeout"/>.</summary>
    public string ReadLine(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            var read = _stdoutLines.Reader.ReadAsync(cancellation.Token).AsTask();
            read.Wait(CancellationToken.None);
            return read.Result;
        }
        catch (AggregateException e) when (e.InnerException is OperationCanceledException)
        {
            throw new TimeoutException($"node {_scriptName} wrote no line within {timeout.TotalSeconds:0} s. stderr:\n{Stderr()}");
        }
        catch (AggregateException e) when (e.InnerException is ChannelClosedException)
        {
            _process.WaitForExit(5000);
            throw new InvalidOperationException(
                $"node {_scriptName} ended (exit code {(_process.HasExited ? _process.ExitCode : -1)}) before writing the expected line. stderr:\n{Stderr()}");
        }
    }

    /// <summary>Reads the next line and checks it is <paramref name="expected"/>.</summary>
    public void Expect(string expected, TimeSpan timeout)
    {
        var line = ReadLine(timeout);
        if (line != expected)
        {
            throw new InvalidOperationException($"node {_scriptName} wrote '{line}' where '{expected}' was expected. stderr:\n{Stderr()}");
        }
    }

    /// <summary>Waits for a clean exit (code 0) and returns the remaining stdout.</summary>
    public string Finish(TimeSpan timeout)
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(timeout))
        {
            throw new TimeoutException($"node {_scriptName} did not finish within {timeout.TotalSeconds:0} s. stderr:\n{Stderr()}");
        }

        _process.WaitForExit(); // flushes the asynchronous readers
        if (_process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {_scriptName} exited with {_process.ExitCode}. stderr:\n{Stderr()}");
        }

        var rest = new StringBuilder();
        while (_stdoutLines.Reader.TryRead(out var line))
        {
            rest.AppendLine(line);
        }

        return rest.ToString();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started: nothing to stop.
        }

        _process.Dispose();
    }

    private string Stderr()
    {
        lock (_stderrLock)
        {
            return _stderr.ToString();
        }
    }
}
