using System.Text.Json;
using Cdc.Sandbox.MongoDb.Server;
using Cdc.Tests.Shared;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>Change streams judged by the official MongoDB Node.js driver (scripts under tests/js/sandbox).</summary>
public sealed class ChangeStreamNodeDriverTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Collection_watch_sees_CRUD_shapes_fan_out_images_and_pipeline_stages()
    {
        await using var server = MongoServer.Start();
        await RunAsync("mongo-changestream-events.mjs", server);
    }

    [Fact]
    public async Task Database_and_cluster_watch_order_events_and_invalidate_per_scope()
    {
        await using var server = MongoServer.Start();
        await RunAsync("mongo-changestream-scopes.mjs", server);
    }

    [Fact]
    public async Task Resume_options_work_and_an_evicted_token_surfaces_ChangeStreamHistoryLost()
    {
        await using var server = MongoServer.Start(new MongoServerOptions { OplogCapacity = 50 });
        await RunAsync("mongo-changestream-resume.mjs", server);
    }

    private static async Task RunAsync(string script, MongoServer server)
    {
        var output = await Task.Run(() => NodeScript.Run(Path.Combine("sandbox", script), JsonSerializer.Serialize(new { uri = server.ConnectionString }), ScriptTimeout));
        Assert.Contains("\"ok\":true", output, StringComparison.Ordinal);
    }
}
