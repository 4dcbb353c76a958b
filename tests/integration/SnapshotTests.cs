using System.Text.Json;
using System.Text.Json.Nodes;
using Cdc.Tests.Shared;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 16: snapshots against the real `cdc run` and the sandbox. Documents that exist before the first start reach
/// Kafka as snapshot rows while a writer keeps changing them, through kill -9s; what Kafka ends with per key equals what
/// MongoDB holds; per document no record carries an older state after a newer one within a connector's life; and the
/// modes initialOnly and never do what they say.
/// </summary>
public sealed class SnapshotTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    private const int Seeded = 20_000;

    [Fact]
    public async Task A_snapshot_under_writes_and_two_kill_9s_ends_with_every_document_as_MongoDB_holds_it()
    {
        string[] collections = ["a", "b", "c"];
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "snap", collections);
        Seed(scenario, collections, Seeded);
        // Small chunks, one collection at a time and few events in flight keep the snapshot long enough to be killed
        // inside it, on any machine: each chunk waits for the stream to pass it and for Kafka to acknowledge it.
        scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database), config =>
        {
            config["mongodb"]!["fullDocument"] = "updateLookup";
            config["snapshot"] = new JsonObject { ["chunkSize"] = 100, ["parallelism"] = 1 };
            config["pipeline"]!["maxInFlightEvents"] = 100;
        });

        using var workload = WorkloadWriter.Start(fixture.Endpoints, scenario.Database, collections, operations: 1_000_000, ratePerSecond: 300, seed: 7, existing: Seeded);
        var kills = new List<long>();
        foreach (var committedRowsBeforeKill in (long[])[3_000, 30_000])
        {
            // Killed while the checkpoint shows the snapshot in progress: the restart must continue it, not redo or skip it.
            var progress = await WaitForCommittedRowsAsync(scenario, committedRowsBeforeKill);
            Assert.True(progress is { Complete: false }, $"The snapshot was {(progress is null ? "not committed that far" : "already complete")} before the kill.\n{CheckpointFile.Describe(scenario.CheckpointPath)}\n{scenario.Connector.Describe()}");
            scenario.Connector.Kill();
            kills.Add(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            output.WriteLine($"kill -9 with {progress!.Value.Rows} snapshot rows committed; checkpoint: {CheckpointFile.Describe(scenario.CheckpointPath)}");
            scenario.RestartConnector();
        }

        Assert.True(await WaitForCompleteSnapshotAsync(scenario, collections.Length), $"The snapshot did not complete.\n{CheckpointFile.Describe(scenario.CheckpointPath)}\n{scenario.Connector.Describe()}");
        var summary = await workload.StopAsync(Deadlines.Step);
        output.WriteLine($"workload: {summary}");

        // Once the writes stopped, a last insert per collection read back means the stream has passed every write.
        foreach (var collection in collections)
        {
            scenario.RunOperations(scenario.Database, new JsonObject { ["op"] = "insert", ["coll"] = collection, ["doc"] = new JsonObject { ["_id"] = "end", ["v"] = 0 } });
        }

        foreach (var collection in collections)
        {
            var topic = scenario.Topic(collection);
            // The reader decodes some 70,000 records through the registry: on a loaded machine that takes minutes, so the
            // wait lasts as long as the reader makes progress.
            Assert.True(
                await WaitWhileReadingAsync(scenario, r => r.Topic == topic && r.DocumentKey == "{\"_id\":\"end\"}"),
                $"The end marker of {collection} did not arrive: the reader has {scenario.Reader.Records.Count} records.\n{scenario.Connector.Describe()}");
        }

        await scenario.Reader.Records.WaitForQuietAsync(TimeSpan.FromSeconds(2), Deadlines.Step);
        var records = scenario.Reader.Records.Snapshot();
        var expected = Dump(scenario, collections);
        var problems = new List<string>();
        foreach (var collection in collections)
        {
            CompareLastRecords(scenario.Topic(collection), records, expected[collection], problems);
        }

        CheckOrderWithinEachLife(records, kills, problems);

        // Each restart continued after the committed chunk: only what was published but not yet committed at a kill (at
        // most 100 events in flight plus one 200 ms checkpoint interval) comes again. Starting a collection over would
        // repeat at least the 3,000 rows committed before the first kill.
        var snapshotRecords = records.Where(r => r.OperationType == "snapshot").ToList();
        var distinctRows = snapshotRecords.Select(r => (r.Topic, r.DocumentKey)).Distinct().Count();
        output.WriteLine($"{snapshotRecords.Count} snapshot rows for {distinctRows} documents");
        Assert.True(snapshotRecords.Count - distinctRows < 3_000, $"{snapshotRecords.Count - distinctRows} snapshot rows were published twice: a restart read more than its last chunk again.");
        output.WriteLine($"{records.Count} records, {SnapshotRows(scenario)} snapshot rows, {problems.Count} problems");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)) + "\n" + scenario.Connector.Describe());
    }

    [Fact]
    public async Task InitialOnly_publishes_every_existing_document_and_exits_0()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "snaponly", "a");
        Seed(scenario, ["a"], 3_000);
        scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database), config => config["snapshot"] = new JsonObject { ["mode"] = "initialOnly", ["chunkSize"] = 400 });

        var exit = await scenario.Connector.WaitForExit(Deadlines.Backlog);
        Assert.True(exit == 0, $"exit {exit?.ToString() ?? "(still running)"}\n{scenario.Connector.Describe()}");
        Assert.True(await WaitForSnapshotRowsAsync(scenario, 3_000), scenario.Connector.Describe());
        var keys = scenario.Reader.Records.Snapshot().Where(r => r.OperationType == "snapshot").Select(r => r.DocumentKey).ToHashSet();
        Assert.Equal(3_000, keys.Count);
        Assert.True(SnapshotComplete(scenario.CheckpointPath, 1), CheckpointFile.Describe(scenario.CheckpointPath));

        // A second start has nothing left to snapshot: it says so and exits 0 at once.
        scenario.RestartConnector();
        Assert.Equal(0, await scenario.Connector.WaitForExit(Deadlines.Step));
        Assert.Contains("snapshot is complete", scenario.Connector.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Never_publishes_no_snapshot_rows_only_later_changes()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "snapnever", "a");
        Seed(scenario, ["a"], 500);
        scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database), config => config["snapshot"] = new JsonObject { ["mode"] = "never" });
        await scenario.WaitUntilStreamingAsync("a");
        await scenario.Reader.Records.WaitForQuietAsync(TimeSpan.FromSeconds(1), Deadlines.Step);
        var records = scenario.Reader.Records.Snapshot();
        Assert.DoesNotContain(records, r => r.OperationType == "snapshot");
        Assert.Contains(records, r => r.OperationType == "insert");
        Assert.Contains("only changes are published", scenario.Connector.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cdc_snapshot_asks_the_running_connector_to_snapshot_one_collection_again_and_waits_for_it()
    {
        string[] collections = ["a", "b"];
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "snapadhoc", collections);
        Seed(scenario, collections, 1_500);

        // Streaming only (snapshot.mode never): nothing of the existing documents is published until asked.
        scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database), config => config["snapshot"] = new JsonObject { ["mode"] = "never", ["chunkSize"] = 200 });
        await scenario.WaitUntilStreamingAsync("b");
        Assert.Equal(0, SnapshotRows(scenario));

        var run = await RunCdcAsync(scenario, "snapshot", "--config", scenario.Connector.ConfigPath!, "--wait", "--timeout", "240", $"{scenario.Database}.a");
        Assert.True(run.ExitCode == 0, $"cdc snapshot exited {run.ExitCode}\n{run.Stdout}\n{run.Stderr}\n{scenario.Connector.Describe()}");
        Assert.Contains("1 of 1 collection(s) done", run.Stdout, StringComparison.Ordinal);

        var topic = scenario.Topic("a");
        Assert.True(await WaitForSnapshotRowsAsync(scenario, 1_500), scenario.Connector.Describe());
        var keys = scenario.Reader.Records.Snapshot().Where(r => r.OperationType == "snapshot").Select(r => (r.Topic, r.DocumentKey)).ToHashSet();
        Assert.Equal(1_500, keys.Count);
        Assert.All(keys, key => Assert.Equal(topic, key.Topic));
        Assert.Contains("Snapshot requested", scenario.Connector.Output, StringComparison.Ordinal);
        Assert.Contains("accepted: its plan is committed", scenario.Connector.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(scenario.CheckpointPath + ".snapshot-request"), "The accepted request is still beside the checkpoint.");
        Assert.False(scenario.Connector.HasExited, scenario.Connector.Describe());

        // A collection the pipeline does not publish is refused by name, and nothing is asked.
        var outside = await RunCdcAsync(scenario, "snapshot", "--config", scenario.Connector.ConfigPath!, "elsewhere.c");
        Assert.Equal(1, outside.ExitCode);
        Assert.Contains("elsewhere.c is outside what the pipeline publishes", outside.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(scenario.CheckpointPath + ".snapshot-request"));
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunCdcAsync(ConnectorScenario scenario, string verb, params string[] arguments)
    {
        var startInfo = CdcProcessStart.For(verb, arguments, scenario.Directory);
        using var process = System.Diagnostics.Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(Deadlines.Backlog);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"cdc {verb} ran longer than {Deadlines.Backlog}: {await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Waits until a record matches, for as long as the reader keeps receiving records (a minute without a new one ends
    /// the wait), and at most 15 minutes.
    /// </summary>
    private static async Task<bool> WaitWhileReadingAsync(ConnectorScenario scenario, Func<DecodedRecord, bool> predicate)
    {
        var limit = DateTime.UtcNow + TimeSpan.FromMinutes(15);
        var count = -1;
        while (DateTime.UtcNow < limit)
        {
            if (await scenario.Reader.WaitForAsync(predicate, Deadlines.Step))
            {
                return true;
            }

            var now = scenario.Reader.Records.Count;
            if (now == count)
            {
                return false;
            }

            count = now;
        }

        return false;
    }

    /// <summary>Polls the reader until it holds <paramref name="rows"/> snapshot rows (one count per poll, not per record).</summary>
    private static async Task<bool> WaitForSnapshotRowsAsync(ConnectorScenario scenario, int rows)
    {
        var deadline = DateTime.UtcNow + Deadlines.Backlog;
        while (SnapshotRows(scenario) < rows)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(200);
        }

        return true;
    }

    private static int SnapshotRows(ConnectorScenario scenario) => scenario.Reader.Records.Snapshot().Count(r => r.OperationType == "snapshot");

    private static void Seed(ConnectorScenario scenario, string[] collections, int count)
    {
        var input = new JsonObject
        {
            ["uri"] = scenario.Endpoints.MongoDbUri,
            ["db"] = scenario.Database,
            ["collections"] = new JsonArray(collections.Select(c => (JsonNode)c).ToArray()),
            ["count"] = count,
        };
        using var result = JsonDocument.Parse(NodeScript.Run("it/seed.mjs", input.ToJsonString() + "\n", Deadlines.Workload));
        Assert.Equal(collections.Length * count, result.RootElement.GetProperty("inserted").GetInt32());
    }

    private static Dictionary<string, List<JsonNode>> Dump(ConnectorScenario scenario, string[] collections)
    {
        var input = new JsonObject
        {
            ["uri"] = scenario.Endpoints.MongoDbUri,
            ["db"] = scenario.Database,
            ["collections"] = new JsonArray(collections.Select(c => (JsonNode)c).ToArray()),
        };
        var dumped = JsonNode.Parse(NodeScript.Run("it/dump.mjs", input.ToJsonString() + "\n", Deadlines.Workload))!["collections"]!.AsObject();
        return dumped.ToDictionary(pair => pair.Key, pair => pair.Value!.AsArray().Select(document => document!).ToList());
    }

    /// <summary>Per key, the last record (in offset order) is the document as MongoDB holds it, or a delete/tombstone when it is gone.</summary>
    private static void CompareLastRecords(string topic, IReadOnlyList<DecodedRecord> records, List<JsonNode> documents, List<string> problems)
    {
        var last = records.Where(r => r.Topic == topic && r.DocumentKey is not null)
            .OrderBy(r => r.Partition).ThenBy(r => r.Offset)
            .GroupBy(r => r.DocumentKey!)
            .ToDictionary(g => g.Key, g => g.Last());
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            var key = JsonText.Compact(new JsonObject { ["_id"] = document["_id"]!.DeepClone() }.ToJsonString())!;
            present.Add(key);
            if (!last.TryGetValue(key, out var record))
            {
                problems.Add($"{topic}: {key} is in MongoDB but has no record");
                continue;
            }

            var body = record.Value?.GetProperty("fullDocument").GetString();
            if (body is null || !JsonNode.DeepEquals(JsonNode.Parse(body), document))
            {
                problems.Add($"{topic}: {key} ends as {record} with {body ?? "no document"}, MongoDB holds {document.ToJsonString()}");
            }
        }

        foreach (var (key, record) in last)
        {
            if (!present.Contains(key) && !record.IsTombstone && record.OperationType != "delete")
            {
                problems.Add($"{topic}: {key} is not in MongoDB but its last record is {record}");
            }
        }
    }

    /// <summary>
    /// Within one connector life (records produced before the next kill), per key: v never goes down, and nothing but a
    /// tombstone follows a delete. Across lives, a restart replays from the committed position by design.
    /// </summary>
    private static void CheckOrderWithinEachLife(IReadOnlyList<DecodedRecord> records, List<long> kills, List<string> problems)
    {
        int LifeOf(DecodedRecord record) => kills.Count(kill => kill < record.TimestampMs);
        foreach (var group in records.Where(r => r.DocumentKey is not null).GroupBy(r => (r.Topic, r.DocumentKey, Life: LifeOf(r))))
        {
            var newest = -1;
            var deleted = false;
            foreach (var record in group.OrderBy(r => r.Partition).ThenBy(r => r.Offset))
            {
                if (record.IsTombstone)
                {
                    continue;
                }

                if (deleted)
                {
                    problems.Add($"{record} follows a delete of the same document in life {group.Key.Life}");
                }

                if (record.OperationType == "delete")
                {
                    deleted = true;
                    continue;
                }

                if (DecodedRecords.VOf(record) is { } v)
                {
                    if (v < newest)
                    {
                        problems.Add($"{record} carries v {v} after v {newest} in life {group.Key.Life}");
                    }

                    newest = Math.Max(newest, v);
                }
            }
        }
    }

    /// <summary>Polls the file checkpoint until its snapshot has committed at least <paramref name="rows"/> rows; null when it never does.</summary>
    private static async Task<(long Rows, bool Complete)?> WaitForCommittedRowsAsync(ConnectorScenario scenario, long rows)
    {
        var deadline = DateTime.UtcNow + Deadlines.Backlog;
        while (DateTime.UtcNow < deadline && !scenario.Connector.HasExited)
        {
            if (CommittedSnapshot(scenario.CheckpointPath) is { } progress && (progress.Rows >= rows || progress.Complete))
            {
                return progress;
            }

            await Task.Delay(20);
        }

        return null;
    }

    private static (long Rows, bool Complete)? CommittedSnapshot(string checkpointPath)
    {
        try
        {
            var snapshot = JsonNode.Parse(File.ReadAllText(checkpointPath))?["snapshot"]?["collections"]?.AsArray();
            return snapshot is null
                ? null
                : (snapshot.Sum(c => c!["rows"]!.GetValue<long>()), snapshot.All(c => c?["done"]?.GetValue<bool>() == true));
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return null;
        }
    }

    private static async Task<bool> WaitForCompleteSnapshotAsync(ConnectorScenario scenario, int collections)
    {
        var deadline = DateTime.UtcNow + Deadlines.Backlog;
        while (DateTime.UtcNow < deadline)
        {
            if (SnapshotComplete(scenario.CheckpointPath, collections))
            {
                return true;
            }

            if (scenario.Connector.HasExited)
            {
                return false;
            }

            await Task.Delay(200);
        }

        return false;
    }

    /// <summary>The file checkpoint's snapshot lists <paramref name="collections"/> collections, every one done.</summary>
    private static bool SnapshotComplete(string checkpointPath, int collections)
    {
        try
        {
            var snapshot = JsonNode.Parse(File.ReadAllText(checkpointPath))?["snapshot"]?["collections"]?.AsArray();
            return snapshot is not null && snapshot.Count == collections && snapshot.All(c => c?["done"]?.GetValue<bool>() == true);
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return false;
        }
    }
}
