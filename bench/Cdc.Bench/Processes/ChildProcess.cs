using System.Diagnostics;

namespace Cdc.Bench.Processes;

/// <summary>
/// A .NET program (<c>dotnet X.dll args…</c>) or a Node.js script (<c>node X.mjs args…</c>) the benchmark starts as a
/// process of its own: stdout lines are queued for the caller, the last stderr lines are kept for error messages, and
/// disposal stops it with SIGTERM (SIGKILL after a grace period), so a failed benchmark leaves nothing running.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private const int KeptErrorLines = 40;

    private readonly Process _process;
    private readonly Queue<string> _stderr = new();
    private readonly System.Threading.Channels.Channel<string> _stdout = System.Threading.Channels.Channel.CreateUnbounded<string>();

    private ChildProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>When the process was started (Stopwatch ticks).</summary>
    public long StartedTimestamp { get; private set; }

    /// <summary>The last lines it wrote to stderr, for error messages.</summary>
    public string ErrorTail
    {
        get
        {
            lock (_stderr)
            {
                return string.Join('\n', _stderr);
            }
        }
    }

    /// <summary>
    /// Starts <c>dotnet <paramref name="dll"/> <paramref name="arguments"/></c> with the dotnet host running this benchmark;
    /// <paramref name="onErrorLine"/>, when given, hears each stderr line as it arrives (on a thread pool thread), from
    /// the first: a caller that subscribed after the start could miss the early ones.
    /// </summary>
    public static ChildProcess StartDotnet(string name, string dll, IEnumerable<string> arguments, Action<string>? onErrorLine = null)
    {
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{name}: {dll} does not exist (build it first).", dll);
        }

        return Start(name, DotnetHost(), workingDirectory: null, [dll, .. arguments], onErrorLine);
    }

    /// <summary>
    /// Starts <c>node <paramref name="script"/> <paramref name="arguments"/></c> in <paramref name="directory"/> (where
    /// its node_modules are), with the `node` found on PATH.
    /// </summary>
    public static ChildProcess StartNode(string name, string directory, string script, IEnumerable<string> arguments)
    {
        if (!File.Exists(Path.Combine(directory, script)))
        {
            throw new FileNotFoundException($"{name}: {Path.Combine(directory, script)} does not exist.", script);
        }

        var node = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "node"))
            .FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{name}: no `node` on PATH; install Node.js 20 or later (e.g. apt-get install nodejs npm).");
        return Start(name, node, directory, [script, .. arguments], onErrorLine: null);
    }

    private static ChildProcess Start(string name, string program, string? workingDirectory, IEnumerable<string> arguments, Action<string>? onErrorLine)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // The child must not pick up a configuration meant for something else.
        foreach (var key in startInfo.Environment.Keys.Where(key => key.StartsWith("CDC__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            startInfo.Environment.Remove(key);
        }

        var process = new Process { StartInfo = startInfo };
        var child = new ChildProcess(process, name);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                child._stdout.Writer.TryWrite(text);
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                onErrorLine?.Invoke(text);
                lock (child._stderr)
                {
                    child._stderr.Enqueue(text);
                    if (child._stderr.Count > KeptErrorLines)
                    {
                        child._stderr.Dequeue();
                    }
                }
            }
        };
        child.StartedTimestamp = Stopwatch.GetTimestamp();
        if (!process.Start())
        {
            process.Dispose();
            throw new InvalidOperationException($"{name}: could not start {startInfo.FileName} {string.Join(' ', startInfo.ArgumentList)}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The next stdout line, failing when the process ends or <paramref name="timeout"/> passes first.</summary>
    public async Task<string> ReadLineAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            var exited = _process.WaitForExitAsync(cancel.Token);
            var line = _stdout.Reader.ReadAsync(cancel.Token).AsTask();
            if (await Task.WhenAny(line, exited).ConfigureAwait(false) == line)
            {
                return await line.ConfigureAwait(false);
            }

            await exited.ConfigureAwait(false);
            throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before printing a line: {ErrorTail}");
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name} printed nothing within {timeout.TotalSeconds:N0} s: {ErrorTail}");
        }
    }

    /// <summary>Completes when the process has exited (and its output has been read to the end).</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Sends SIGTERM (the way Kubernetes stops a pod) and waits for the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan patience)
    {
        if (!_process.HasExited)
        {
            Signal("TERM");
        }

        using var cancel = new CancellationTokenSource(patience);
        try
        {
            await _process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw new TimeoutException($"{Name} did not stop within {patience.TotalSeconds:N0} s of SIGTERM; killed. {ErrorTail}");
        }

        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                Signal("TERM");
                if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit();
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped: nothing to stop.
        }

        _process.Dispose();
    }

    /// <summary>The dotnet host running this benchmark (`dotnet Cdc.Bench.dll`), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    /// <summary>.NET has no portable way to send SIGTERM to another process: `kill` does it.</summary>
    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {_process.Id}") { UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not run kill.");
        kill.WaitForExit();
    }
}
