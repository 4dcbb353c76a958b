using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Cdc.Bench.Transcode;

/// <summary>Runs bench/peer/transcode.mjs on the same events and reads its one JSON line.</summary>
internal static class NodePeer
{
    public static PeerResult Run(string eventsPath, string schemasPath, int passes, TimeSpan timeout)
    {
        var peerDirectory = Path.Combine(RepositoryPaths.Root, "bench", "peer");
        if (!Directory.Exists(Path.Combine(peerDirectory, "node_modules")))
        {
            throw new InvalidOperationException($"The node peer is not installed: run `npm install --no-audit --no-fund` in {peerDirectory} (./cdc bench does it).");
        }

        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = peerDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["transcode.mjs", eventsPath, schemasPath, passes.ToString(CultureInfo.InvariantCulture)])
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start node.");
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                throw new TimeoutException($"The node peer did not finish within {timeout.TotalSeconds:0} s.");
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"The node peer exited with {process.ExitCode}: {stderr.Result}");
            }

            var result = JsonNode.Parse(stdout.Result) ?? throw new InvalidOperationException("The node peer printed nothing.");
            return new PeerResult(result["eventsPerSec"]!.GetValue<double>(), result["eventsPerCpuSec"]!.GetValue<double>());
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
}
