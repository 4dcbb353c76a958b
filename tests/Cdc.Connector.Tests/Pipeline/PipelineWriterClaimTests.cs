using Cdc.Connector.Checkpoint;

namespace Cdc.Connector.Tests.Pipeline;

public sealed class PipelineWriterClaimTests
{
    [Fact]
    public async Task A_refused_claim_stops_at_startup_with_exit_1_and_the_stores_message_before_opening_the_stream()
    {
        var store = new InMemoryCheckpointStore { ClaimFailure = new CheckpointStoreException("Another cdc run holds pipeline 'orders' (host a pid 1) (test)") };
        await using var harness = await PipelineHarness.CreateAsync(new FakeEnvironment { Store = store });
        harness.Start();

        var exit = await harness.WaitForExitAsync();
        Assert.Equal(1, exit.ExitCode);
        Assert.Contains("Another cdc run holds pipeline 'orders' (host a pid 1)", exit.Error, StringComparison.Ordinal);
        Assert.Empty(harness.Environment.Server.Opens);
    }

    [Fact]
    public async Task The_pipeline_is_claimed_before_the_stream_opens()
    {
        var store = new InMemoryCheckpointStore();
        await using var harness = await PipelineHarness.CreateAsync(new FakeEnvironment { Store = store });
        harness.Environment.Server.Append(ChangeEvents.Insert(1));
        harness.Start();

        await PipelineHarness.WaitUntilAsync(() => harness.Environment.AllRecords().Count == 1, "the event is produced");
        Assert.True(store.Claimed);
        await harness.StopAsync();
    }

    [Fact]
    public async Task A_fenced_save_stops_the_pipeline_with_exit_1_instead_of_retrying()
    {
        var store = new InMemoryCheckpointStore();
        await using var harness = await PipelineHarness.CreateAsync(new FakeEnvironment { Store = store });
        var environment = harness.Environment;
        environment.Server.Append(ChangeEvents.Insert(1));
        harness.Start();
        await PipelineHarness.WaitUntilAsync(() => store.Saves.Count > 0, "a first checkpoint is saved");

        store.SaveFailure = new WriterFencedException("pipeline 'orders' was taken over by host b pid 2 (test)");
        environment.Server.Append(ChangeEvents.Insert(2));

        var exit = await harness.WaitForExitAsync();
        Assert.Equal(1, exit.ExitCode);
        Assert.Contains("taken over by host b pid 2", exit.Error, StringComparison.Ordinal);
        Assert.Equal(0, harness.Runner.Counters.Restarts);
    }
}
