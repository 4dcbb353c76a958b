using System.Text.Json;
using System.Text.Json.Nodes;
using Cdc.Tests.Shared;

namespace Cdc.Integration.Tests;

/// <summary>
/// MongoDB's own fault injection (<c>configureFailPoint</c>, as on mongod with enableTestCommands=1), sent by the
/// official Node.js driver (tests/js/it/failpoint.mjs), so the same test runs against the sandbox and a real server.
/// </summary>
internal static class MongoFailPoint
{
    /// <summary>Sets <paramref name="failPoint"/> to <paramref name="mode"/>; returns how often it had fired before (the server's count).</summary>
    public static int Configure(ItEndpoints endpoints, string failPoint, JsonNode mode, JsonObject? data = null)
    {
        var input = new JsonObject { ["uri"] = endpoints.MongoDbUri, ["failPoint"] = failPoint, ["mode"] = mode, ["data"] = data };
        using var reply = JsonDocument.Parse(NodeScript.Run("it/failpoint.mjs", input.ToJsonString() + "\n", Deadlines.Step));
        return reply.RootElement.GetProperty("count").GetInt32();
    }

    /// <summary>Turns <paramref name="failPoint"/> off; returns its cumulative firings.</summary>
    public static int Off(ItEndpoints endpoints, string failPoint) => Configure(endpoints, failPoint, "off");

    /// <summary>A connection string naming the application, so a failCommand with <c>appName</c> hits only that client.</summary>
    public static string WithAppName(string uri, string appName) =>
        uri + (uri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "appname=" + appName;
}
