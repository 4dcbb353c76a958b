using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 5: the README's first command, `cdc demo`, as the real process. The run is judged against three independent
/// counts: what the workload's writes caused (from the server's replies), what the connector read and published, and
/// what the consumer decoded from Kafka.
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

        // The workload ran for the duration asked: at least that (give or take a timer's grain), and, however long this
        // machine took to stop it, no longer than the whole process lived.
        Assert.InRange(json.RootElement.GetProperty("durationSeconds").GetDouble(), 14.5, run.Lifetime.TotalSeconds);
        Assert.Single(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task SIGINT_stops_the_demo_gracefully_with_a_complete_summary_and_exit_0()
    {
        var run = await RunDemoAsync(["--json"], interrupt: true);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\nstdout: {run.Stdout}\nstderr: {run.Stderr}");
        using var json = JsonDocument.Parse(run.Stdout);
        AssertCompleteRun(json.RootElement, run);
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

        // Transactions: each checkout wrote an order, a payment and a customer update; payments are written only there,
        // so the payments topic holds exactly one record per committed transaction.
        var transactions = workload.GetProperty("transactions").GetInt64();
        Assert.True(transactions > 0, "the workload committed no transaction");
        Assert.Equal(3 * transactions, workload.GetProperty("transactionEvents").GetInt64());
        Assert.Equal(transactions, Count(consumer.GetProperty("byTopic"), "cdc.shop.payments"));
        // …and each of those records says it belongs to a transaction (txnNumber and lsid set by the server).
        Assert.Equal(3 * transactions, consumer.GetProperty("transactionRecords").GetInt64());

        // The connector's live status: read counts by operation type and a source lag measured at the end (caught up).
        foreach (var operation in new[] { "insert", "update", "delete" })
        {
            Assert.Equal(Count(workload.GetProperty("byOperationType"), operation), Count(connector.GetProperty("readByOperationType"), operation));
        }

        // Measured once the connector has stopped and the consumer drained, so it includes however long that took on
        // this machine; it can never exceed the time the process lived (every event's wallTime falls within it).
        Assert.InRange(connector.GetProperty("sourceLagSeconds").GetDouble(), 0, run.Lifetime.TotalSeconds);

        // Three independent counts agree: workload replies, connector counters, consumer records (see the summary above).
        Assert.Equal(workload.GetProperty("events").GetInt64(), connector.GetProperty("eventsRead").GetInt64());
        Assert.Equal(workload.GetProperty("events").GetInt64(), connector.GetProperty("eventsPublished").GetInt64());
        Assert.Equal(Count(workload.GetProperty("byOperationType"), "delete"), connector.GetProperty("tombstones").GetInt64());
        Assert.Equal(connector.GetProperty("tombstones").GetInt64(), consumer.GetProperty("tombstones").GetInt64());
        Assert.Equal(connector.GetProperty("eventsPublished").GetInt64() + connector.GetProperty("tombstones").GetInt64(), records);
        var expected = workload.GetProperty("expectedRecordsByTopic");
        var byTopic = consumer.GetProperty("byTopic");
        Assert.Equal(
            expected.EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())).OrderBy(p => p.Name),
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

    private static long Count(JsonElement counts, string name) => counts.TryGetProperty(name, out var value) ? value.GetInt64() : 0;

    /// <summary>
    /// Runs `dotnet cdc.dll demo ARGS`. With <paramref name="interrupt"/>, sends SIGINT once the shop has done every
    /// kind of write the summary is checked for (seen on the demo's own MongoDB by a change stream), however long that
    /// takes on this machine. Killed at a deadline that only bounds a hang.
    /// </summary>
    private async Task<DemoRun> RunDemoAsync(string[] arguments, bool interrupt)
    {
        var startInfo = CdcProcessStart.For("demo", arguments);

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var mongoDbUri = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stdout)
                {
                    stdout.Append(e.Data).Append('\n');
                }
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

            if (MongoDbLine().Match(e.Data) is { Success: true } line)
            {
                mongoDbUri.TrySetResult(line.Groups["uri"].Value);
            }
        };
        var clock = Stopwatch.StartNew();
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (interrupt)
            {
                await WaitForEveryKindOfWriteAsync(await mongoDbUri.Task.WaitAsync(Deadlines.Step));
                ProcessSignals.Send(process, "INT");
            }

            var exitCode = await ProcessSignals.WaitForExit(process, RunLimit);
            var lifetime = clock.Elapsed;
            lock (stdout)
            {
                lock (stderr)
                {
                    return new DemoRun(exitCode, stdout.ToString(), stderr.ToString(), lifetime);
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

    [GeneratedRegex(@"^cdc demo:\s+MongoDB (?<uri>mongodb://\S+)")]
    private static partial Regex MongoDbLine();

    /// <summary>What one demo process did, and how long it lived as the test saw it.</summary>
    private sealed record DemoRun(int? ExitCode, string Stdout, string Stderr, TimeSpan Lifetime);
}
