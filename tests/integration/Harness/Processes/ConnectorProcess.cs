using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Cdc.Integration.Tests;

/// <summary>
/// The real `cdc run --config FILE` process: its configuration written to a file in <see cref="Directory"/> (or given
/// by CDC__ environment variables alone, <see cref="StartFromEnvironment"/>), its stdout and stderr captured (shown by
/// <see cref="Describe"/> in assertion messages). <see cref="Kill"/> is SIGKILL, <see cref="Terminate"/> SIGTERM.
/// Disposing kills it if it still runs, within 10 s.
/// </summary>
internal sealed class ConnectorProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ConnectorProcess(Process process, string? configPath)
    {
        _process = process;
        ConfigPath = configPath;
    }

    /// <summary>The configuration file it runs on; null when only the environment and arguments configure it.</summary>
    public string? ConfigPath { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Stdout and stderr interleaved as they came, each line prefixed by its stream.</summary>
    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    /// <summary>What it wrote to stderr, line by line (the logs, and `cdc run: …` when it stops on a failure).</summary>
    public IReadOnlyList<string> StderrLines =>
        Output.Split('\n').Where(line => line.StartsWith("err: ", StringComparison.Ordinal)).Select(line => line["err: ".Length..]).ToArray();

    /// <summary>Writes <paramref name="config"/> to <c>connector.json</c> in <paramref name="directory"/> and starts the connector on it.</summary>
    public static ConnectorProcess Start(JsonObject config, string directory, params string[] extraArguments)
    {
        System.IO.Directory.CreateDirectory(directory);
        var configPath = Path.Combine(directory, "connector.json");
        File.WriteAllText(configPath, config.ToJsonString());
        return Launch(CdcProcessStart.For("run", ["--config", configPath, .. extraArguments], directory), configPath);
    }

    /// <summary>
    /// Starts `cdc run ARGUMENTS…` without a configuration file: <paramref name="variables"/> (CDC__ environment variables)
    /// and the arguments configure it. The CDC__ variables of the test process are not passed on, so only these count.
    /// </summary>
    public static ConnectorProcess StartFromEnvironment(IReadOnlyDictionary<string, string> variables, string directory, params string[] arguments)
    {
        System.IO.Directory.CreateDirectory(directory);
        var startInfo = CdcProcessStart.For("run", arguments, directory);
        foreach (var inherited in startInfo.Environment.Keys.Where(name => name.StartsWith("CDC__", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            startInfo.Environment.Remove(inherited);
        }

        foreach (var (name, value) in variables)
        {
            startInfo.Environment[name] = value;
        }

        return Launch(startInfo, configPath: null);
    }

    private static ConnectorProcess Launch(ProcessStartInfo startInfo, string? configPath)
    {
        var process = new Process { StartInfo = startInfo };
        var connector = new ConnectorProcess(process, configPath);
        process.OutputDataReceived += (_, e) => connector.Append("out", e.Data);
        process.ErrorDataReceived += (_, e) => connector.Append("err", e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return connector;
    }

    /// <summary>SIGKILL of the whole process tree: no flush, no final commit.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.WaitForExit(TimeSpan.FromSeconds(10));
    }

    /// <summary>SIGTERM, as a service manager stops it.</summary>
    public void Terminate() => ProcessSignals.Send(_process, "TERM");

    /// <summary>The exit code, or null if it still runs after <paramref name="timeout"/>.</summary>
    public Task<int?> WaitForExit(TimeSpan timeout) => ProcessSignals.WaitForExit(_process, timeout);

    /// <summary>For assertion messages: the process id, its state, and everything it wrote.</summary>
    public string Describe()
    {
        var state = _process.HasExited ? $"exited with {_process.ExitCode}" : "running";
        return $"cdc run (pid {_process.Id}, {state}), output:\n{Output}";
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private void Append(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Append(stream).Append(": ").Append(line).Append('\n');
        }
    }
}
