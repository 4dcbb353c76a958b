using System.Text.Json;
using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Server;
using Cdc.Sandbox.MongoDb.Storage;
using Cdc.Tests.Shared;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>replSetStepDown judged by the official Node.js driver's server selection and retry rules.</summary>
public sealed class StepDownNodeDriverTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_Node_driver_rides_out_a_step_down_and_finds_the_re_elected_primary()
    {
        await using var server = MongoServer.Start();
        var output = await Task.Run(() => NodeScript.Run(Path.Combine("sandbox", "mongo-stepdown.mjs"), JsonSerializer.Serialize(new { uri = server.ConnectionString }), ScriptTimeout));
        Assert.Contains("\"ok\":true", output, StringComparison.Ordinal);

        var entries = new List<OplogEntry>();
        server.Catalog.Oplog.Read(0, entries, int.MaxValue);
        var inserted = entries.Where(entry => entry.Operation == OplogOperation.Insert).Select(entry => DocCodec.Read(entry.DocumentKey)["_id"]!.Int32).ToList();
        Assert.Equal([0, 1, 2, 3, 100, 101], inserted);
    }
}
