using Cdc.Sandbox.MongoDb.Server;
using Cdc.Sandbox.MongoDb.Storage;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>Index commands and their expanded change events as the official Node.js driver sees them.</summary>
public sealed class IndexNodeDriverTests
{
    [Fact]
    public async Task The_Node_driver_creates_lists_and_drops_indexes_and_sees_their_expanded_events()
    {
        await using var server = MongoServer.Start();
        var output = await MongoDriverScript.RunAsync(server, "mongo-indexes.mjs");
        Assert.Contains("\"ok\":true", output, StringComparison.Ordinal);

        // The repeated createIndex was a no-op: two builds and one drop reached the oplog.
        var entries = MongoDriverScript.ReadOplog(server);
        Assert.Equal(2, entries.Count(entry => entry.Operation == OplogOperation.CreateIndexes));
        Assert.Equal(1, entries.Count(entry => entry.Operation == OplogOperation.DropIndexes));
    }
}
