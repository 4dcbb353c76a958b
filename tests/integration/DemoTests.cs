using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 5: the README's first command, `cdc demo`, as the real process. The run is judged against three counts it
/// reports itself: what the workload's writes caused (from the server's replies), what the connector read and
/// published, and what its consumer decoded from Kafka. Those all come from the demo process, so an outside judge
/// checks the last one (issue 14): a reader in another process (kafkajs and avsc, every record decoded a second time by
/// Confluent's AvroDeserializer, <see cref="KafkaRecordReader"/>) reads the demo's topics from the demo's own sandbox
/// while it runs, and once the demo has summed up (--keep holds the sandbox up until the test stops it) it must have
/// counted exactly what the demo's consumer counted. The shop holds data before the connector starts (issue 16): the
/// outside reader also checks that each seeded document came as one snapshot row before any change of it.
/// </summary>
public sealed partial class DemoTests(ITestOutputHelper output)
{
    private const string ShopDatabase = "shop";

    // Only bounds a hang: the demo starts a sandbox, runs, then stops every part in turn.
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(240);

    [Fact]
    public async Task Demo_for_15_seconds_with_json_exits_0_and_every_record_of_every_write_is_consumed_and_decoded()
    {
        var run = await RunDemoAsync(["--duration", "15", "--json"], interrupt: false);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\nstdout: {run.Stdout}\nstderr: {run.Stderr}");
        using var json = JsonDocument.Parse(run.Stdout);
        AssertCompleteRun(json.RootElement, run);
        AssertOutsideReaderAgrees(json.RootElement, run);

        // 15 s leave the workload time to change seeded documents once the snapshot is complete: their changes follow
        // their snapshot rows.
        AssertSnapshotRowsComeFirst(json.RootElement, run, expectChangesAfter: true);

        // The workload ran for the duration asked: at least that (give or take a timer's grain; a slow machine can only
        // make it longer, since the workload starts before the timer and stops after it), and, however long this
        // machine took to stop it, no longer than the process had lived when it summed up.
        Assert.InRange(json.RootElement.GetProperty("durationSeconds").GetDouble(), 14.5, run.LivedUntilSummary.TotalSeconds);
        Assert.Single(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Demo_with_typed_values_publishes_every_change_as_an_avro_record_that_the_consumer_decodes()
    {
        var run = await RunDemoAsync(["--duration", "10", "--json", "--typed"], interrupt: false);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\nstdout: {run.Stdout}\nstderr: {run.Stderr}");
        using var json = JsonDocument.Parse(run.Stdout);
        var summary = json.RootElement;
        output.WriteLine(summary.GetRawText());
        var workload = summary.GetProperty("workload");
        var connector = summary.GetProperty("connector");
        var consumer = summary.GetProperty("consumer");
        Assert.True(summary.GetProperty("ok").GetBoolean(), $"{summary}\n{run.Stderr}");
        Assert.Equal(0, connector.GetProperty("restarts").GetInt64());
        Assert.Equal(0, connector.GetProperty("deadLettered").GetInt64());

        // Confluent's AvroDeserializer decoded every typed record (its schema fetched by id), snapshot rows included.
        var records = consumer.GetProperty("records").GetInt64();
        Assert.True(records > 0);
        Assert.Equal(records, consumer.GetProperty("decoded").GetInt64());
        Assert.Equal(0, consumer.GetProperty("decodeFailures").GetInt64());
        Assert.Equal(connector.GetProperty("eventsPublished").GetInt64() + connector.GetProperty("tombstones").GetInt64(), records);
        foreach (var operation in new[] { "snapshot", "insert", "update", "delete" })
        {
            Assert.Equal(Count(connector.GetProperty("byOperationType"), operation), Count(consumer.GetProperty("byOperationType"), operation));
        }

        // Every event the workload caused was read; each was published, except an update whose document was deleted
        // before the stream looked it up (updateLookup): typed values skip those rather than publish every field null.
        var snapshotRows = Count(connector.GetProperty("byOperationType"), "snapshot");
        Assert.Equal(workload.GetProperty("events").GetInt64(), connector.GetProperty("eventsRead").GetInt64() - snapshotRows);
        Assert.Equal(Count(workload.GetProperty("byOperationType"), "insert"), Count(connector.GetProperty("byOperationType"), "insert"));
        Assert.Equal(Count(workload.GetProperty("byOperationType"), "delete"), Count(connector.GetProperty("byOperationType"), "delete"));
        var updatesSkipped = Count(connector.GetProperty("readByOperationType"), "update") - Count(connector.GetProperty("byOperationType"), "update");
        Assert.InRange(updatesSkipped, 0, Count(workload.GetProperty("byOperationType"), "delete"));
        Assert.Equal(connector.GetProperty("eventsRead").GetInt64() - updatesSkipped, connector.GetProperty("eventsPublished").GetInt64());
    }

    [Fact]
    public async Task SIGINT_stops_the_demo_gracefully_with_a_complete_summary_and_exit_0()
    {
        var run = await RunDemoAsync(["--json"], interrupt: true);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\nstdout: {run.Stdout}\nstderr: {run.Stderr}");
        using var json = JsonDocument.Parse(run.Stdout);
        AssertCompleteRun(json.RootElement, run);
        AssertOutsideReaderAgrees(json.RootElement, run);

        // The SIGINT may come before the workload was allowed to change a seeded document: then none has changes yet.
        AssertSnapshotRowsComeFirst(json.RootElement, run, expectChangesAfter: false);
    }

    /// <summary>
    /// The tail at shutdown, precisely: the demo stops the workload, waits until the connector has read every event the
    /// workload's acknowledged writes caused, stops the connector (which flushes every outstanding delivery and commits),
    /// then lets the consumer drain. So without a connector restart the three counts are equal, record for record and
    /// topic by topic. A restart would replay events after the last checkpoint (at-least-once): the consumer could then
    /// see more than the workload caused, never fewer; the demo against the sandbox has no faults, so a restart is
    /// itself reported as a failure of this test.
    /// </summary>
    private void AssertCompleteRun(JsonElement summary, DemoRun run)
    {
        var stderr = run.Stderr;
        output.WriteLine(summary.GetRawText());
        var workload = summary.GetProperty("workload");
        var connector = summary.GetProperty("connector");
        var consumer = summary.GetProperty("consumer");
        var snapshot = summary.GetProperty("snapshot");
        Assert.True(summary.GetProperty("ok").GetBoolean(), $"{summary}\n{stderr}");
        Assert.Equal(0, summary.GetProperty("problems").GetArrayLength());
        Assert.Equal(0, connector.GetProperty("restarts").GetInt64());
        Assert.Equal(0, connector.GetProperty("deadLettered").GetInt64());
        Assert.Equal(0, workload.GetProperty("failures").GetInt64());

        // The consumer decoded everything it received, and received something.
        var records = consumer.GetProperty("records").GetInt64();
        Assert.True(records > 0);
        Assert.Equal(records, consumer.GetProperty("decoded").GetInt64());
        Assert.Equal(0, consumer.GetProperty("decodeFailures").GetInt64());

        // Every kind of write happened and reached the consumer as its kind of change event.
        foreach (var operation in new[] { "insert", "update", "delete" })
        {
            Assert.True(Count(workload.GetProperty("byOperationType"), operation) > 0, $"the workload did no {operation}");
            Assert.Equal(Count(workload.GetProperty("byOperationType"), operation), Count(connector.GetProperty("byOperationType"), operation));
            Assert.Equal(Count(workload.GetProperty("byOperationType"), operation), Count(consumer.GetProperty("byOperationType"), operation));
        }

        // The shop held data before the connector started (issue 16): the connector snapshotted every collection of it,
        // and every seeded document reached the consumer as a snapshot row. More rows than documents seeded are
        // allowed: a document the workload inserted before its chunk was read is snapshotted too (docs/snapshots.md).
        var seeded = snapshot.GetProperty("seededDocuments").GetInt64();
        var snapshotRows = snapshot.GetProperty("rowsPublished").GetInt64();
        Assert.True(seeded > 0, "the demo seeded no documents");
        Assert.Equal(seeded, snapshot.GetProperty("seeded").EnumerateObject().Sum(p => p.Value.GetInt64()));
        Assert.True(snapshot.GetProperty("completed").GetBoolean(), snapshot.GetRawText());
        Assert.Equal(3, snapshot.GetProperty("collections").GetInt32());
        Assert.Equal(3, snapshot.GetProperty("collectionsCompleted").GetInt32());
        Assert.InRange(snapshot.GetProperty("consumerDecoded").GetInt64(), seeded, long.MaxValue);
        Assert.Equal(snapshotRows, snapshot.GetProperty("consumerDecoded").GetInt64());
        Assert.Equal(snapshotRows, Count(connector.GetProperty("byOperationType"), "snapshot"));
        Assert.Equal(snapshotRows, Count(connector.GetProperty("readByOperationType"), "snapshot"));
        Assert.Equal(snapshotRows, Count(consumer.GetProperty("byOperationType"), "snapshot"));
        Assert.Equal(snapshotRows, snapshot.GetProperty("rowsByTopic").EnumerateObject().Sum(p => p.Value.GetInt64()));
        var snapshotByTopic = snapshot.GetProperty("rowsByTopic");

        // Transactions: each checkout wrote an order, a payment and a customer update; payments are written only there,
        // so the payments topic holds exactly one record per committed transaction beside the seeded payments' rows.
        var transactions = workload.GetProperty("transactions").GetInt64();
        Assert.True(transactions > 0, "the workload committed no transaction");
        Assert.Equal(3 * transactions, workload.GetProperty("transactionEvents").GetInt64());
        Assert.Equal(transactions, Count(consumer.GetProperty("byTopic"), "cdc.shop.payments") - Count(snapshotByTopic, "cdc.shop.payments"));
        // …and each of those records says it belongs to a transaction (txnNumber and lsid set by the server).
        Assert.Equal(3 * transactions, consumer.GetProperty("transactionRecords").GetInt64());

        // The connector's live status: read counts by operation type and a source lag measured at the end (caught up).
        foreach (var operation in new[] { "insert", "update", "delete" })
        {
            Assert.Equal(Count(workload.GetProperty("byOperationType"), operation), Count(connector.GetProperty("readByOperationType"), operation));
        }

        // Measured once the connector has stopped and the consumer drained, so it includes however long that took on
        // this machine; it can never exceed the time the process had lived by then (every event's wallTime falls within it).
        Assert.InRange(connector.GetProperty("sourceLagSeconds").GetDouble(), 0, run.LivedUntilSummary.TotalSeconds);

        // Three independent counts agree: workload replies, connector counters, consumer records (see the summary above).
        // The connector counts snapshot rows among the events it read and published, as its metrics do.
        Assert.Equal(workload.GetProperty("events").GetInt64(), connector.GetProperty("eventsRead").GetInt64() - snapshotRows);
        Assert.Equal(workload.GetProperty("events").GetInt64(), connector.GetProperty("eventsPublished").GetInt64() - snapshotRows);
        Assert.Equal(Count(workload.GetProperty("byOperationType"), "delete"), connector.GetProperty("tombstones").GetInt64());
        Assert.Equal(connector.GetProperty("tombstones").GetInt64(), consumer.GetProperty("tombstones").GetInt64());
        Assert.Equal(connector.GetProperty("eventsPublished").GetInt64() + connector.GetProperty("tombstones").GetInt64(), records);
        var expected = workload.GetProperty("expectedRecordsByTopic");
        var byTopic = consumer.GetProperty("byTopic");
        Assert.Equal(
            expected.EnumerateObject().Select(p => (p.Name, p.Value.GetInt64() + Count(snapshotByTopic, p.Name))).OrderBy(p => p.Name),
            byTopic.EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())).OrderBy(p => p.Name));
        Assert.Equal(["cdc.shop.customers", "cdc.shop.orders", "cdc.shop.payments"], byTopic.EnumerateObject().Select(p => p.Name).Order());

        // Latency is measured from each event's wallTime, and ordered as percentiles must be.
        var latency = consumer.GetProperty("latencyMs");
        var p50 = latency.GetProperty("p50").GetDouble();
        var p99 = latency.GetProperty("p99").GetDouble();
        Assert.InRange(p50, 0, p99);
        Assert.InRange(p99, p50, latency.GetProperty("max").GetDouble());
        Assert.True(connector.GetProperty("checkpointsCommitted").GetInt64() > 0);
    }

    /// <summary>
    /// The outside judge: what another process read from the demo's Kafka and decoded through its Schema Registry on its
    /// own, once it had drained, against what the demo's consumer reported. Records, tombstones and decode failures,
    /// in all and per topic and operation type, must be equal: the demo does not restart its connector, so nothing is
    /// published twice, and the outside reader has every record the demo's consumer had.
    /// </summary>
    private void AssertOutsideReaderAgrees(JsonElement summary, DemoRun run)
    {
        var consumer = summary.GetProperty("consumer");
        var outside = run.Outside;
        output.WriteLine($"outside reader: {outside.Count} records, {outside.Count(r => r.IsTombstone)} tombstones, {outside.Count(r => r.DecodeError is not null)} decode failures, {run.CrossChecked} decoded by both decoders");

        var failures = outside.Where(r => r.DecodeError is not null).ToList();
        Assert.True(
            consumer.GetProperty("decodeFailures").GetInt64() == failures.Count,
            $"the demo reported {consumer.GetProperty("decodeFailures").GetInt64()} decode failures, the outside reader {failures.Count}:\n"
            + string.Join("\n", failures.Take(5).Select(r => $"{r}: {r.DecodeError}")));
        Assert.Equal(consumer.GetProperty("records").GetInt64(), outside.Count);
        Assert.Equal(consumer.GetProperty("tombstones").GetInt64(), outside.Count(r => r.IsTombstone));
        Assert.Equal(
            consumer.GetProperty("byTopic").EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())).OrderBy(p => p.Name),
            outside.GroupBy(r => r.Topic).Select(g => (g.Key, (long)g.Count())).OrderBy(p => p.Item1));
        Assert.Equal(
            consumer.GetProperty("byOperationType").EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())).OrderBy(p => p.Name),
            outside.Where(r => r.Value is not null).GroupBy(r => r.OperationType!).Select(g => (g.Key, (long)g.Count())).OrderBy(p => p.Item1));
        Assert.Equal(consumer.GetProperty("transactionRecords").GetInt64(), outside.Count(r => r.Value is { } value && value.GetProperty("txnNumber").ValueKind != JsonValueKind.Null));

        // Each record read once (the reader's own restarts skip what it had read), and each decoded by both decoders.
        Assert.DoesNotContain(outside.GroupBy(r => (r.Topic, r.Partition, r.Offset)), g => g.Count() > 1);
        Assert.Equal(outside.Count, run.CrossChecked);
    }

    /// <summary>
    /// The order the outside reader found per document (records of one key share a partition, so its offsets order them):
    /// a document that existed before the connector started has no insert event, and it must have exactly one snapshot
    /// row, before any change of it. Every seeded document is such a document, and no other is (the workload's own
    /// documents all have their insert), so there are exactly as many as were seeded. With
    /// <paramref name="expectChangesAfter"/>, seeded customers and orders were also changed after their rows.
    /// </summary>
    private void AssertSnapshotRowsComeFirst(JsonElement summary, DemoRun run, bool expectChangesAfter)
    {
        var seeded = summary.GetProperty("snapshot").GetProperty("seededDocuments").GetInt64();
        var documents = run.Outside.Where(r => r.DecodeError is null).GroupBy(r => (r.Topic, r.DocumentKey)).ToList();
        var existing = documents
            .Where(d => d.Any(r => r.OperationType == "snapshot") && !d.Any(r => r.OperationType == "insert"))
            .Select(d => d.OrderBy(r => r.Offset).ToList())
            .ToList();

        Assert.Equal(seeded, existing.Count);
        Assert.Equal(
            summary.GetProperty("snapshot").GetProperty("rowsByTopic").EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())).OrderBy(p => p.Name),
            run.Outside.Where(r => r.OperationType == "snapshot").GroupBy(r => r.Topic).Select(g => (g.Key, (long)g.Count())).OrderBy(p => p.Item1));
        foreach (var records in existing)
        {
            var description = string.Join(", ", records.Select(r => $"{r.OperationType ?? "(tombstone)"}@{r.Partition}:{r.Offset}"));
            Assert.True(records.Select(r => r.Partition).Distinct().Count() == 1, $"{records[0].Topic} {records[0].DocumentKey}: one key in several partitions: {description}");
            Assert.True(records[0].OperationType == "snapshot", $"{records[0].Topic} {records[0].DocumentKey}: a change before its snapshot row: {description}");
            Assert.True(records.Count(r => r.OperationType == "snapshot") == 1, $"{records[0].Topic} {records[0].DocumentKey}: more than one snapshot row: {description}");
        }

        var changedAfter = existing.Where(records => records.Count > 1).ToList();
        output.WriteLine($"{existing.Count} documents that existed before the connector started, {changedAfter.Count} of them changed after their snapshot row");
        if (expectChangesAfter)
        {
            Assert.Contains(changedAfter, records => records[0].Topic == "cdc.shop.customers" && records.Any(r => r.OperationType == "update"));
            Assert.Contains(changedAfter, records => records[0].Topic == "cdc.shop.orders" && records.Any(r => r.OperationType == "update"));
        }
    }

    private static long Count(JsonElement counts, string name) => counts.TryGetProperty(name, out var value) ? value.GetInt64() : 0;

    /// <summary>
    /// Runs `dotnet cdc.dll demo ARGS --keep` with the outside reader on the sandbox the demo announces (its endpoints
    /// line on stderr). With <paramref name="interrupt"/>, sends SIGINT once the shop has done every kind of write the
    /// summary is checked for (seen on the demo's own MongoDB by a change stream), however long that takes on this
    /// machine. Once the summary is out, the outside reader drains (it must reach the demo consumer's count, then
    /// nothing more may arrive), then SIGTERM stops the kept sandbox. Deadlines only bound a hang; the demo process is
    /// killed on the way out whatever happened.
    /// </summary>
    private async Task<DemoRun> RunDemoAsync(string[] arguments, bool interrupt)
    {
        var startInfo = CdcProcessStart.For("demo", [.. arguments, "--keep"]);

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var sandbox = new TaskCompletionSource<ItEndpoints>(TaskCreationOptions.RunContinuationsAsynchronously);
        var workloadStarted = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var summaryLine = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stdout)
            {
                stdout.Append(e.Data).Append('\n');
            }

            if (e.Data.StartsWith('{'))
            {
                summaryLine.TrySetResult(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stderr)
            {
                stderr.Append(e.Data).Append('\n');
            }

            if (EndpointsLine().Match(e.Data) is { Success: true } line)
            {
                sandbox.TrySetResult(new ItEndpoints(line.Groups["mongodb"].Value, line.Groups["kafka"].Value, line.Groups["registry"].Value, ControlUrl: null));
            }

            if (e.Data.Contains("starting the shop workload", StringComparison.Ordinal))
            {
                workloadStarted.TrySetResult(true);
            }
        };
        string Output()
        {
            lock (stdout)
            {
                lock (stderr)
                {
                    return $"stdout: {stdout}\nstderr: {stderr}";
                }
            }
        }

        var clock = Stopwatch.StartNew();
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var exited = process.WaitForExitAsync();
            var endpoints = await UnlessExitedAsync(sandbox.Task, exited, Deadlines.Step, "its endpoints line", Output);
            using var outside = await KafkaRecordReader.StartAsync(endpoints, "cdc.shop");
            if (interrupt)
            {
                // The shop is seeded (its payments included) before the workload starts: watch only once it has, so a
                // seeded payment is not taken for a checkout's.
                await UnlessExitedAsync(workloadStarted.Task, exited, Deadlines.Step, "its workload start line", Output);
                await WaitForEveryKindOfWriteAsync(endpoints.MongoDbUri);
                ProcessSignals.Send(process, "INT");
            }

            var summary = await UnlessExitedAsync(summaryLine.Task, exited, RunLimit, "its summary", Output);
            var livedUntilSummary = clock.Elapsed;
            using (var json = JsonDocument.Parse(summary))
            {
                var records = json.RootElement.GetProperty("consumer").GetProperty("records").GetInt32();
                Assert.True(
                    await outside.WaitForCountAsync(records, Deadlines.Workload),
                    $"The outside reader read {outside.Records.Count} of the demo's {records} records within {Deadlines.Workload.TotalSeconds:0} s.\n{outside.Stderr}");
            }

            // Anything beyond the demo's count (a record published twice) would still be on its way: let it arrive.
            await outside.Records.WaitForQuietAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
            await outside.StopAsync();

            ProcessSignals.Send(process, "TERM");
            var exitCode = await ProcessSignals.WaitForExit(process, Deadlines.Step);
            lock (stdout)
            {
                lock (stderr)
                {
                    return new DemoRun(exitCode, stdout.ToString(), stderr.ToString(), livedUntilSummary, outside.Records.Snapshot(), outside.CrossChecked);
                }
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
    }

    /// <summary>The result of <paramref name="awaited"/>; fails the test, with the demo's output, when the demo exits or the deadline passes first.</summary>
    private static async Task<T> UnlessExitedAsync<T>(Task<T> awaited, Task exited, TimeSpan limit, string what, Func<string> output)
    {
        var first = await Task.WhenAny(awaited, exited, Task.Delay(limit));
        Assert.True(first == awaited, $"The demo {(first == exited ? "exited" : $"was still running after {limit.TotalSeconds:0} s")} without printing {what}.\n{output()}");
        return await awaited;
    }

    /// <summary>Waits until the shop's change stream has shown an insert, an update, a delete and a checkout's payment.</summary>
    private async Task WaitForEveryKindOfWriteAsync(string mongoDbUri)
    {
        using var shop = await GroundTruthWatcher.StartAsync(mongoDbUri, "database", ShopDatabase);
        var deadline = DateTime.UtcNow + Deadlines.Workload;
        bool Seen(Func<SourceEvent, bool> what) => shop.Snapshot().Any(what);
        while (!(Seen(e => e.OperationType == "insert") && Seen(e => e.OperationType == "update") && Seen(e => e.OperationType == "delete")
            && Seen(e => e.Collection == "payments")))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The demo's shop did not do every kind of write within {Deadlines.Workload.TotalSeconds:0} s: {shop.Count} change events.");
            await Task.Delay(200);
        }

        output.WriteLine($"SIGINT after {shop.Count} change events of the shop");
    }

    /// <summary>The demo's endpoints line (docs/demo.md): where an outside client reaches its sandbox.</summary>
    [GeneratedRegex(@"^cdc demo:\s+MongoDB (?<mongodb>mongodb://\S+)  Kafka (?<kafka>\S+)  Schema Registry (?<registry>http://\S+)$")]
    private static partial Regex EndpointsLine();

    /// <summary>
    /// What one demo process did: its exit and output, how long it had lived when its summary came (as the test saw it),
    /// and what the outside reader read from its topics, of which <paramref name="CrossChecked"/> both decoders read alike.
    /// </summary>
    private sealed record DemoRun(int? ExitCode, string Stdout, string Stderr, TimeSpan LivedUntilSummary, IReadOnlyList<DecodedRecord> Outside, int CrossChecked);
}
