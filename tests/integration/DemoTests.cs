using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 5: the README's first command, `cdc demo`, as the real process. The run is judged against three independent
/// counts: what the workload's writes caused (from the server's replies), what the connector read and published, and
/// what the consumer decoded from Kafka.
/// </summary>
public sealed class DemoTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Demo_for_15_seconds_with_json_exits_0_and_every_record_of_every_write_is_consumed_and_decoded()
    {
        var (exitCode, stdout, stderr) = await RunDemoAsync(["--duration", "15", "--json"], signalAfterStart: null, TimeSpan.FromSeconds(120));

        Assert.True(exitCode == 0, $"exit {exitCode}\nstdout: {stdout}\nstderr: {stderr}");
        using var json = JsonDocument.Parse(stdout);
        AssertCompleteRun(json.RootElement, stderr);
        Assert.InRange(json.RootElement.GetProperty("durationSeconds").GetDouble(), 14.5, 17);
        Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task SIGINT_stops_the_demo_gracefully_with_a_complete_summary_and_exit_0()
    {
        var (exitCode, stdout, stderr) = await RunDemoAsync(["--json"], signalAfterStart: TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(120));

        Assert.True(exitCode == 0, $"exit {exitCode}\nstdout: {stdout}\nstderr: {stderr}");
        using var json = JsonDocument.Parse(stdout);
        AssertCompleteRun(json.RootElement, stderr);
    }

    /// <summary>
    /// The tail at shutdown, precisely: the demo stops the workload, waits until the connector has read every event the
    /// workload's acknowledged writes caused, stops the connector (which flushes every outstanding delivery and commits),
    /// then lets the consumer drain. So without a connector restart the three counts are equal, record for record and
    /// topic by topic. A restart would replay events after the last checkpoint (at-least-once): the consumer could then
    /// see more than the workload caused, never fewer; the demo against the sandbox has no faults, so a restart is
    /// itself reported as a failure of this test.
    /// </summary>
    private void AssertCompleteRun(JsonElement summary, string stderr)
    {
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

        Assert.InRange(connector.GetProperty("sourceLagSeconds").GetDouble(), 0, 10);

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

    /// <summary>Runs `dotnet cdc.dll demo ARGS`; with <paramref name="signalAfterStart"/>, sends SIGINT that long after the workload started. Killed on timeout.</summary>
    private static async Task<(int? ExitCode, string Stdout, string Stderr)> RunDemoAsync(string[] arguments, TimeSpan? signalAfterStart, TimeSpan timeout)
    {
        var startInfo = CdcProcessStart.For("demo", arguments);

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var workloadStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
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

            if (e.Data.StartsWith("cdc demo: starting the shop workload", StringComparison.Ordinal))
            {
                workloadStarted.TrySetResult();
            }
        };
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (signalAfterStart is { } delay)
            {
                await workloadStarted.Task.WaitAsync(TimeSpan.FromSeconds(60));
                await Task.Delay(delay);
                ProcessSignals.Send(process, "INT");
            }

            var exitCode = await ProcessSignals.WaitForExit(process, timeout);
            lock (stdout)
            {
                lock (stderr)
                {
                    return (exitCode, stdout.ToString(), stderr.ToString());
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
}
