using System.Diagnostics;

namespace Cdc.Tests.Shared;

/// <summary>
/// Runs <c>node</c> on a script under <c>tests/js</c>, feeding it stdin, bounded in time. The process tree is killed on
/// timeout or failure; a non-zero exit fails with the script's stderr in the message.
/// </summary>
internal static class NodeScript
{
    public static string Run(string scriptName, string stdin, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(scriptName)) ?? throw new InvalidOperationException("Could not start node.");
        try
        {
            // Read both pipes concurrently with writing stdin, so a chatty script cannot deadlock on a full pipe.
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();

            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new TimeoutException($"node {scriptName} did not finish within {timeout.TotalSeconds:0} s and was killed. stderr:\n{stderr.Result}");
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"node {scriptName} exited with {process.ExitCode}. stderr:\n{stderr.Result}");
            }

            return stdout.Result;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }
    }

    /// <summary>
    /// How to start <c>node</c> on a script under <c>tests/js</c> with every stream redirected; fails clearly when the
    /// script or the installed peers are missing.
    /// </summary>
    public static ProcessStartInfo StartInfo(string scriptName)
    {
        var scriptsDirectory = Path.Combine(RepositoryRoot.Path, "tests", "js");
        var script = Path.Combine(scriptsDirectory, scriptName);
        if (!File.Exists(script))
        {
            throw new FileNotFoundException($"No node script {script}.", script);
        }

        if (!Directory.Exists(Path.Combine(scriptsDirectory, "node_modules")))
        {
            throw new InvalidOperationException(
                $"The node peers are not installed: run `npm install --no-audit --no-fund` in {scriptsDirectory} (./cdc test does it).");
        }

        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = scriptsDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(script);
        return startInfo;
    }
}
