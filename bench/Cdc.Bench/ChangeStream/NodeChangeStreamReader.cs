using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Cdc.Bench.ChangeStream;

/// <summary>Runs bench/peer/changestream.mjs (the official mongodb driver) against a server and reads its JSON line.</summary>
internal static class NodeChangeStreamReader
{
    /// <summary>The driver version pinned in bench/peer/package.json; named in the result so figures stay comparable.</summary>
    public const string Name = "node-mongodb-7.9.0";

    public static double Run(string connectionString, int events, TimeSpan timeout)
    {
        var peerDirectory = Path.Combine(RepositoryPaths.Root, "bench", "peer");
        if (!Directory.Exists(Path.Combine(peerDirectory, "node_modules", "mongodb")))
        {
            throw new InvalidOperationException($"The mongodb driver is not installed: run `npm install --no-audit --no-fund` in {peerDirectory} (./cdc bench does it).");
        }

        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = peerDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("changestream.mjs");
        startInfo.ArgumentList.Add(connectionString);
        startInfo.ArgumentList.Add(events.ToString(CultureInfo.InvariantCulture));

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start node.");
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                throw new TimeoutException($"The change stream reader did not finish within {timeout.TotalSeconds:0} s.");
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"The change stream reader exited with {process.ExitCode}: {stderr.Result}");
            }

            var result = JsonNode.Parse(stdout.Result) ?? throw new InvalidOperationException("The change stream reader printed nothing.");
            var read = result["events"]!.GetValue<int>();
            if (read != events)
            {
                throw new InvalidOperationException($"The change stream reader read {read} events, expected {events}.");
            }

            return result["eventsPerSec"]!.GetValue<double>();
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
