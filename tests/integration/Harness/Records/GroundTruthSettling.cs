namespace Cdc.Integration.Tests;

/// <summary>The end of a scripted scenario: what MongoDB says happened, and a decoded record for each of those events.</summary>
internal static class GroundTruthSettling
{
    /// <summary>Drains the ground truth, checks it is the expected sequence, and waits for a record of each event.</summary>
    public static async Task<IReadOnlyList<SourceEvent>> SettleAsync(
        ConnectorScenario scenario, GroundTruthWatcher watcher, TimeSpan deadline, params string[] expectedTypes)
    {
        var truth = await watcher.StopAsync();
        Assert.Equal(expectedTypes, truth.Select(e => e.OperationType).ToArray());
        var complete = await scenario.Reader.WaitForTokensAsync(truth.Select(e => e.Token), deadline);
        await scenario.Reader.Records.WaitForQuietAsync(TimeSpan.FromMilliseconds(500), Deadlines.Step);
        await scenario.Reader.StopAsync();
        var records = scenario.Reader.Records.Snapshot();
        scenario.Log($"{records.Count} records:\n" + string.Join("\n", records));
        var missing = truth.Where(e => !records.Any(r => r.ResumeToken == e.Token)).ToList();
        Assert.True(complete, $"No record for {string.Join(", ", missing.Select(e => $"#{e.Index} {e.OperationType} {e.Namespace} {e.DocumentKey}"))} within {deadline.TotalSeconds:0} s.\n{scenario.Connector.Describe()}");
        return truth;
    }
}
