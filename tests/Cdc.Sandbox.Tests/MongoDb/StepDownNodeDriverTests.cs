using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Server;
using Cdc.Sandbox.MongoDb.Storage;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>replSetStepDown judged by the official Node.js driver's server selection and retry rules.</summary>
public sealed class StepDownNodeDriverTests
{
    [Fact]
    public async Task The_Node_driver_rides_out_a_step_down_and_finds_the_re_elected_primary()
    {
        // The step-down lasts until the script unfreezes the node (replSetFreeze 0), not for the default second, so its
        // checks during the step-down hold however slowly this machine runs them; the cap only bounds a hang.
        await using var server = MongoServer.Start(new MongoServerOptions { MaxStepDownPeriod = TimeSpan.FromMinutes(10) });
        var output = await MongoDriverScript.RunAsync(server, "mongo-stepdown.mjs");
        Assert.Contains("\"ok\":true", output, StringComparison.Ordinal);

        var entries = MongoDriverScript.ReadOplog(server);
        var inserted = entries.Where(entry => entry.Operation == OplogOperation.Insert).Select(entry => DocCodec.Read(entry.DocumentKey)["_id"]!.Int32).ToList();
        Assert.Equal([0, 1, 2, 3, 100, 101], inserted);
    }
}
