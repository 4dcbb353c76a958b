using Cdc.Sandbox.MongoDb.Server;
using Xunit.Abstractions;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>Snapshot-style reads (chunks by _id range, estimates, read concerns) judged by the official Node.js driver.</summary>
public sealed class RangeReadNodeDriverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Node_driver_reads_a_large_collection_in_id_range_chunks_each_document_once_in_id_order()
    {
        await using var server = MongoServer.Start();
        var result = await MongoDriverScript.RunAsync(server, "mongo-range-reads.mjs");

        Assert.Contains("\"ok\":true", result, StringComparison.Ordinal);
        Assert.Equal(0, server.State.Cursors.Count);
        Assert.Equal(50_000, server.Catalog.Find("snapshot", "items")!.Count);

        // Informational only (chunkedReadMs: 50 chunks of 1,000 by _id range); never asserted.
        output.WriteLine(result.Trim());
    }
}
