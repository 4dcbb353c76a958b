using System.Diagnostics;
using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 4, scenario 3: every broker of the sandbox's Kafka down for 30 s while the source keeps being written with
/// large documents. While down the connector stops reading (its checkpoint stands still while MongoDB's history grows)
/// and its memory does not grow with the data written; when the brokers come back it catches up by itself, in the
/// same process, and Kafka holds every source event in per-document order with no duplicate.
/// </summary>
public sealed class BrokerOutageTests(EndpointsFixture fixture, ITestOutputHelper output) : IClassFixture<EndpointsFixture>
{
    private const int MaxInFlightBytes = 1024 * 1024;
    private const int MaxInFlightEvents = 2000;
    private const int PadBytes = 16_000;
    private const int RatePerSecond = 250;
    private const int SteadyRecords = 500;
    private const int SourceEventsWhileStill = RatePerSecond * 10;
    private const int SourceEventsAfterOutage = RatePerSecond * 8;

    // RSS may grow by this much while the brokers are down: librdkafka's copies of up to maxInFlightBytes, the GC's
    // slack on a busy machine, the retry path's threads (7 MB seen under two CPU hogs and a build). It is a fixed
    // allowance, not a fraction of the data written, which depends on how fast a loaded machine writes.
    private const long AllowedGrowth = 16_000_000;

    // Three times the allowance: a connector that took in a third of what was written while down would exceed it.
    private const long MinimumBytesWhileDown = 3 * AllowedGrowth;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SteadyState = TimeSpan.FromSeconds(5);

    // Only bounds a hang: the outage goes on until the source has written enough while the connector stood still.
    private static readonly TimeSpan MaximumOutage = TimeSpan.FromSeconds(180);

    [SandboxFaultFact]
    public async Task All_brokers_down_for_30_s_under_load_pause_reading_keep_memory_bounded_and_recovery_loses_nothing()
    {
        string[] collections = ["a", "b", "c"];
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "outage", collections);
        using var control = new SandboxControl(fixture.Endpoints);
        var connector = scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database), config =>
        {
            config["pipeline"]!["maxInFlightBytes"] = MaxInFlightBytes;
            config["pipeline"]!["maxInFlightEvents"] = MaxInFlightEvents;
        });
        await scenario.WaitUntilStreamingAsync("a");
        using var watcher = await GroundTruthWatcher.StartAsync(fixture.Endpoints, "database", scenario.Database);
        // The load goes on until it is stopped after the outage: a workload sized by the expected durations ran out
        // before the outage's conditions were met on a machine busy enough to slow the steady state down.
        using var workload = WorkloadWriter.Start(fixture.Endpoints, scenario.Database, collections, operations: RatePerSecond * 3600, RatePerSecond, seed: 3, padBytes: PadBytes);

        // The baseline: a few seconds of the connector under the load, and at least some hundreds of its records, so a
        // slow start on a busy machine does not count as growth during the outage.
        long steadyPeak;
        var sentinels = scenario.Reader.Records.Count;
        using (var steady = new RssSampler(connector.Id, TimeSpan.FromMilliseconds(200)))
        {
            var clock = Stopwatch.StartNew();
            await Task.Delay(SteadyState);
            Assert.True(
                await scenario.Reader.WaitForCountAsync(sentinels + SteadyRecords, Deadlines.Step),
                $"Only {scenario.Reader.Records.Count - sentinels} records of the workload were read in {clock.Elapsed.TotalSeconds:0} s before the outage.\n{connector.Describe()}");
            steadyPeak = steady.PeakBytes;
            Assert.True(steady.Samples > 0, $"No RSS sample of the connector (pid {connector.Id}) was taken before the outage: the memory bound below would compare nothing.");
        }

        // kafkajs gives up on a cluster that is gone for 30 s; a fresh reader after the outage reads every topic from the start.
        await scenario.Reader.StopAsync();
        var truthAtDown = watcher.Count;
        var down = Stopwatch.StartNew();
        long outagePeak;
        int truthLate;
        var standstill = new Standstill();
        await control.AllBrokersDownAsync();
        try
        {
            using var sampler = new RssSampler(connector.Id, TimeSpan.FromMilliseconds(200));

            // Down for the outage, and until MongoDB's history has grown well past the checkpoint's last move (what
            // was acknowledged before the brokers went is committed whenever this machine gets to it) and enough
            // document data was written to say something about memory.
            while (down.Elapsed < Outage
                || watcher.Count - standstill.SourceEventsAtLastMove <= SourceEventsWhileStill
                || BytesOfDocuments(watcher.Snapshot(), truthAtDown, watcher.Count) <= MinimumBytesWhileDown)
            {
                Assert.True(
                    down.Elapsed < MaximumOutage && !workload.HasExited,
                    $"After {down.Elapsed.TotalSeconds:0} s of outage (workload exited: {workload.HasExited}): {watcher.Count - truthAtDown} source events, {standstill.Describe()}.\n{connector.Describe()}");
                await Task.Delay(200);
                standstill.Observe(CheckpointFile.ReadTokenData(scenario.CheckpointPath), 0, watcher.Count);
            }

            truthLate = watcher.Count;
            outagePeak = sampler.PeakBytes;
            Assert.True(sampler.Samples > 0, $"No RSS sample of the connector (pid {connector.Id}) was taken during the outage: the memory bound below would compare nothing.");
            Assert.False(connector.HasExited, $"The connector exited while the brokers were down.\n{connector.Describe()}");
        }
        finally
        {
            await control.AllBrokersUpAsync();
        }

        var downFor = down.Elapsed;
        using var reader = await KafkaRecordReader.StartAsync(fixture.Endpoints, scenario.TopicPrefix, collections.Select(scenario.Topic).ToArray());

        // The recovery happens under load too: the source keeps being written until it has seen another
        // SourceEventsAfterOutage events, however long this machine takes for them.
        var afterOutage = Stopwatch.StartNew();
        while (watcher.Count < truthLate + SourceEventsAfterOutage)
        {
            Assert.True(
                afterOutage.Elapsed < Deadlines.Workload && !workload.HasExited,
                $"Only {watcher.Count - truthLate} source events in {afterOutage.Elapsed.TotalSeconds:0} s after the outage (workload exited: {workload.HasExited}).");
            await Task.Delay(200);
        }

        var summary = await workload.StopAsync(Deadlines.Step);
        var truth = await watcher.StopAsync();
        var catchUp = Stopwatch.StartNew();
        var complete = await reader.WaitForTokensAsync(truth.Select(e => e.Token), Deadlines.Backlog);
        var caughtUpIn = catchUp.Elapsed;
        await reader.Records.WaitForQuietAsync(TimeSpan.FromMilliseconds(800), Deadlines.Step);
        await reader.StopAsync();

        var bytesWrittenWhileDown = BytesOfDocuments(truth, truthAtDown, truthLate);
        var growth = outagePeak - steadyPeak;
        var restarts = OutputLines.Count(connector.Output, "Pipeline cycle failed");
        var report = DeliveryChecker.Check(truth, reader.Records.Snapshot(), [], MaxInFlightEvents);
        scenario.Log($"workload: {summary}");
        scenario.Log($"brokers down {downFor.TotalSeconds:0.0} s; source events while down {truthLate - truthAtDown} ({bytesWrittenWhileDown / 1e6:0.0} MB of documents); "
            + $"RSS peak steady {steadyPeak / 1e6:0.0} MB, while down {outagePeak / 1e6:0.0} MB (growth {growth / 1e6:0.0} MB; maxInFlightBytes {MaxInFlightBytes / 1e6:0.0} MB); "
            + $"during the outage: {standstill.Describe()}; caught up {caughtUpIn.TotalSeconds:0.0} s after the workload ended; internal pipeline restarts {restarts}");
        scenario.Log(report.Summary());

        Assert.Equal(summary.GetProperty("operations").GetInt32(), truth.Count);
        Assert.True(complete && report.Problems.Count == 0, report.Failure() + "\n" + connector.Describe());
        Assert.True(report.TotalDuplicates == 0 && restarts == 0, $"Expected the idempotent producer to ride out the outage without a pipeline restart: {restarts} restarts.\n{connector.Describe()}");
        Assert.False(connector.HasExited, $"The connector exited.\n{connector.Describe()}");

        // Reading stopped: MongoDB's history grew during the outage while the committed position stood still.
        Assert.True(truthLate - standstill.SourceEventsAtLastMove > SourceEventsWhileStill, $"Only {truthLate - standstill.SourceEventsAtLastMove} source events were written during the outage after the checkpoint last moved.");
        Assert.True(standstill.LastToken is not null, $"Nothing was committed before or during the outage: {standstill.Describe()}.");

        // Memory: the data written while down is tens of MB; the connector must not have taken it in.
        Assert.True(bytesWrittenWhileDown > MinimumBytesWhileDown, $"The outage saw only {bytesWrittenWhileDown:N0} bytes of documents: too little to say anything about memory.");
        Assert.True(growth < AllowedGrowth, $"RSS grew by {growth:N0} bytes (allowed {AllowedGrowth:N0}) while {bytesWrittenWhileDown:N0} bytes of documents were written with every broker down.");
    }

    private static long BytesOfDocuments(IReadOnlyList<SourceEvent> events, int from, int to)
    {
        long bytes = 0;
        for (var i = from; i < to && i < events.Count; i++)
        {
            bytes += events[i].FullDocument?.Length ?? 0;
        }

        return bytes;
    }
}
