using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Cdc.Bench.Processes;

namespace Cdc.Bench.Snapshot;

/// <summary>
/// `cdc run` (this build's, or another build's cdc.dll) in a process of its own with <c>snapshot.mode=initialOnly</c> on one collection, a fresh
/// file checkpoint, the sandbox's Kafka and registry and no HTTP endpoint: it snapshots the collection, commits and
/// exits 0 by itself. Checked before any figure is returned: exit code 0, the checkpoint says the collection's snapshot
/// is done with every row, and the topic received exactly that many records.
/// </summary>
internal static class ConnectorSnapshotRun
{
    /// <summary>Event 116, the start-up line saying what will be snapshotted (plain log format).</summary>
    private const string SnapshotLine = "[116] Snapshot: ";

    /// <summary>Event 117, initialOnly's last line: the snapshot is acknowledged and committed.</summary>
    private const string CommittedLine = "[117] Snapshot complete and committed";

    /// <summary>Runs <paramref name="dll"/> (this build's cdc.dll, or another build's) once and checks what it left.</summary>
    public static async Task<ConnectorSnapshotFigures> RunAsync(
        string dll, SandboxProcess sandbox, string database, string collection, string topicPrefix, int partitions, int chunkSize, int parallelism, long rows, TimeSpan timeout)
    {
        var directory = Directory.CreateTempSubdirectory("cdc-bench-snapshot-");
        try
        {
            var checkpoint = Path.Combine(directory.FullName, "checkpoint.json");
            string[] settings =
            [
                $"mongodb.uri={sandbox.MongoDbUri}", "mongodb.scope=collection", $"mongodb.database={database}", $"mongodb.collection={collection}",
                $"kafka.bootstrapServers={sandbox.KafkaBootstrapServers}", $"kafka.topicPrefix={topicPrefix}", $"schemaRegistry.url={sandbox.SchemaRegistryUrl}",
                "checkpoint.store=file", $"checkpoint.path={checkpoint}", $"pipeline.name=bench-{topicPrefix}", "http.enabled=false",
                "snapshot.mode=initialOnly",
                $"snapshot.chunkSize={chunkSize.ToString(CultureInfo.InvariantCulture)}",
                $"snapshot.parallelism={parallelism.ToString(CultureInfo.InvariantCulture)}",
            ];
            long snapshotLineAt = 0, committedLineAt = 0;
            void OnErrorLine(string line)
            {
                if (line.Contains(SnapshotLine, StringComparison.Ordinal))
                {
                    Interlocked.CompareExchange(ref snapshotLineAt, Stopwatch.GetTimestamp(), 0);
                }
                else if (line.Contains(CommittedLine, StringComparison.Ordinal))
                {
                    Interlocked.CompareExchange(ref committedLineAt, Stopwatch.GetTimestamp(), 0);
                }
            }

            var sandboxCpu = ProcessStats.Read(sandbox.ProcessId).CpuSeconds;
            using var connector = ChildProcess.StartDotnet(
                "cdc run", dll, ["run", .. settings.SelectMany(setting => new[] { "--set", setting })], OnErrorLine);
            var exit = await ProcessSampler.WatchUntilExitAsync(connector, timeout).ConfigureAwait(false);
            sandboxCpu = ProcessStats.Read(sandbox.ProcessId).CpuSeconds - sandboxCpu;
            if (exit.ExitCode != 0)
            {
                throw new InvalidOperationException($"snapshot: cdc run exited with {exit.ExitCode}, not 0: {connector.ErrorTail}");
            }

            if (Volatile.Read(ref snapshotLineAt) == 0 || Volatile.Read(ref committedLineAt) == 0)
            {
                throw new InvalidOperationException(
                    $"snapshot: cdc run exited 0 without logging both '{SnapshotLine.Trim()}' and '{CommittedLine}' (is logging.format plain?): {connector.ErrorTail}");
            }

            RequireCompleteCheckpoint(checkpoint, database, collection, rows);
            var topic = $"{topicPrefix}.{database}.{collection}";
            var records = TopicRecordCount.Appended(sandbox.KafkaBootstrapServers, topic, partitions, TimeSpan.FromSeconds(30));
            if (records != rows)
            {
                throw new InvalidOperationException($"snapshot: topic {topic} received {records:N0} records, not the collection's {rows:N0} documents: the run lost or duplicated data.");
            }

            return new ConnectorSnapshotFigures(
                rows,
                Stopwatch.GetElapsedTime(connector.StartedTimestamp, exit.ExitedTimestamp).TotalSeconds,
                Stopwatch.GetElapsedTime(snapshotLineAt, exit.ExitedTimestamp).TotalSeconds,
                Stopwatch.GetElapsedTime(snapshotLineAt, committedLineAt).TotalSeconds,
                exit.CpuSeconds,
                exit.PeakRssMb,
                records,
                sandboxCpu);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The file checkpoint's <c>snapshot.collections</c>: the one collection, done, with every row published.</summary>
    private static void RequireCompleteCheckpoint(string path, string database, string collection, long rows)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"snapshot: cdc run exited 0 but wrote no checkpoint file at {path}.");
        }

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var entries = json.RootElement.GetProperty("snapshot").GetProperty("collections");
        if (entries.GetArrayLength() != 1)
        {
            throw new InvalidOperationException($"snapshot: the checkpoint lists {entries.GetArrayLength()} collections, not just {database}.{collection}: {json.RootElement}");
        }

        var entry = entries[0];
        if (entry.GetProperty("db").GetString() != database || entry.GetProperty("coll").GetString() != collection
            || !entry.GetProperty("done").GetBoolean() || entry.GetProperty("rows").GetInt64() != rows)
        {
            throw new InvalidOperationException($"snapshot: the checkpoint does not show {database}.{collection} done with {rows:N0} rows: {entry}");
        }
    }
}
