using System.Text.Json;
using Cdc.Sandbox.MongoDb.Server;
using Cdc.Sandbox.MongoDb.Storage;
using Cdc.Tests.Shared;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>Runs an official-Node.js-driver script of tests/js/sandbox against an emulator, and reads what it left in the oplog.</summary>
internal static class MongoDriverScript
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Feeds the script <c>{"uri": …}</c> on stdin. It runs off the test's thread because the server answers the driver
    /// from the thread pool while the test waits.
    /// </summary>
    public static Task<string> RunAsync(MongoServer server, string script) =>
        Task.Run(() => NodeScript.Run(Path.Combine("sandbox", script), JsonSerializer.Serialize(new { uri = server.ConnectionString }), ScriptTimeout));

    public static List<OplogEntry> ReadOplog(MongoServer server)
    {
        var entries = new List<OplogEntry>();
        server.Catalog.Oplog.Read(0, entries, int.MaxValue);
        return entries;
    }
}
