using System.Text.Json;
using Cdc.Sandbox.MongoDb.Server;
using Cdc.Tests.Shared;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>The emulator judged by a client no one here wrote: the official MongoDB Node.js driver.</summary>
public sealed class NodeDriverTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("replicaSet")]
    [InlineData("directConnection")]
    public async Task The_Node_driver_runs_CRUD_catalog_and_error_scenarios(string connectionMode)
    {
        await using var server = MongoServer.Start();
        var uri = connectionMode == "replicaSet" ? server.ConnectionString : $"mongodb://{server.Host}/?directConnection=true";
        var output = await Task.Run(() => NodeScript.Run(Path.Combine("sandbox", "mongo-crud.mjs"), JsonSerializer.Serialize(new { uri }), ScriptTimeout));
        Assert.Contains("\"ok\":true", output, StringComparison.Ordinal);
    }
}
