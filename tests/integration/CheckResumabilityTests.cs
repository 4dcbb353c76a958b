using Xunit.Abstractions;

namespace Cdc.Integration.Tests;

/// <summary>
/// Issue 5: `cdc check` on a checkpoint the real connector committed and that then fell out of the oplog (a sandbox
/// keeping only <see cref="OplogWindowSandboxFixture.OplogWindow"/> entries) says it is not resumable, with the fix.
/// </summary>
public sealed class CheckResumabilityTests(OplogWindowSandboxFixture fixture, ITestOutputHelper output) : IClassFixture<OplogWindowSandboxFixture>
{
    [SandboxFaultFact]
    public async Task A_checkpoint_off_the_oplog_fails_resumable_with_the_fix_and_is_left_untouched()
    {
        using var scenario = await ConnectorScenario.StartAsync(fixture.Endpoints, output, "check_lost", "a", "lost");
        scenario.StartConnector(ConnectorConfig.DatabaseScope(scenario.Database));
        await scenario.WaitUntilStreamingAsync("a");

        // The stop below commits what was published; waiting for a first commit makes sure there is one to stop on.
        await CheckpointFile.WaitForTokenAsync(scenario.CheckpointPath, Deadlines.Step);
        scenario.Connector.Terminate();
        Assert.True(await scenario.Connector.WaitForExit(Deadlines.Step) == 0, scenario.Connector.Describe());
        var committed = CheckpointFile.ReadTokenData(scenario.CheckpointPath);
        Assert.True(committed is not null, CheckpointFile.Describe(scenario.CheckpointPath));

        // Before the overrun the same checkpoint is resumable: the check tells the two apart.
        var before = await CheckCommandTests.RunAsync(scenario.Directory, scenario.Config);
        Assert.Equal($"PASS  checkpoint: resumable: the change stream opens at the stored token {committed}", before.Line("checkpoint", "resumable"));

        using (var workload = WorkloadWriter.Start(scenario.Endpoints, scenario.Database, ["lost"], operations: OplogWindowSandboxFixture.OplogWindow * 2, seed: 5))
        {
            await workload.CompletionAsync(Deadlines.Workload);
        }

        var checkpointBefore = File.ReadAllText(scenario.CheckpointPath);
        var run = await CheckCommandTests.RunAsync(scenario.Directory, scenario.Config);

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Equal(
            $"FAIL  checkpoint: resumable: the stored token {committed} is no longer in the oplog (ChangeStreamHistoryLost, code 286): the changes since then cannot be read"
            + $" — fix: set mongodb.onHistoryLost=restartFromNow (continues from now, skipping the lost changes) or delete the file {scenario.CheckpointPath} to start from mongodb.startAt; give the oplog a longer window so a stopped connector can resume",
            run.Line("checkpoint", "resumable"));
        Assert.StartsWith($"PASS  checkpoint: readable: file {scenario.CheckpointPath}: token {committed}, committed ", run.Line("checkpoint", "readable"), StringComparison.Ordinal);
        Assert.Equal(checkpointBefore, File.ReadAllText(scenario.CheckpointPath));
    }
}
