using Cdc.Sandbox.MongoDb.Documents;
using Cdc.Sandbox.MongoDb.Server;
using Cdc.Sandbox.MongoDb.Storage;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>Fault injection judged by the official Node.js driver: its retry and resume rules react to the sandbox's fail points.</summary>
public sealed class FailPointNodeDriverTests
{

    [Fact]
    public async Task The_Node_driver_surfaces_retries_and_resumes_as_the_fail_points_dictate()
    {
        await using var server = MongoServer.Start();
        var output = await MongoDriverScript.RunAsync(server, "mongo-failpoints.mjs");
        Assert.Contains("\"ok\":true", output, StringComparison.Ordinal);

        // Each retried insert landed exactly once; the failed non-retryable one not at all.
        var entries = MongoDriverScript.ReadOplog(server);
        var inserted = entries.Where(entry => entry.Operation == OplogOperation.Insert).Select(entry => DocCodec.Read(entry.DocumentKey)["_id"]!.Int32).ToList();
        Assert.Equal(inserted.Count, inserted.Distinct().Count());
        Assert.Contains(100, inserted);
        Assert.Contains(101, inserted);
        Assert.DoesNotContain(102, inserted);
    }
}
